// Checks package.json against the code: the settings it declares are the ones the server gets.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { toServerSettings } from '../../src/settings';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { scope?: string; default?: unknown }> };
    jsonValidation: { fileMatch: string; url: string }[];
  };
}

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;
const CLIENT_ONLY = ['awesomeLs.server.path', 'awesomeLs.trace.server'];

/** The awesomeLs section as VS Code answers it: dotted keys nested, `value` for `key`. */
function section(key?: string, value?: unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, { default: fallback }] of Object.entries(properties)) {
    const parts = name.split('.').slice(1);
    let node = result;
    for (const part of parts.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[parts[parts.length - 1] ?? ''] = name === key ? value : fallback;
  }
  return result;
}

describe('package.json', () => {
  it('keeps the server path machine-scoped', () => {
    assert.equal(properties['awesomeLs.server.path']?.scope, 'machine');
  });

  it('sends nothing for the declared defaults, and each server setting once it is set', () => {
    assert.deepEqual(toServerSettings(section()), {});
    const values: Record<string, unknown> = {
      'awesomeLs.rules': { venue: 'off' },
      'awesomeLs.dialect': '2021',
      'awesomeLs.keywordCount.min': 2,
      'awesomeLs.keywordCount.max': 4,
      'awesomeLs.venues': [{ name: 'TMLR' }],
    };
    assert.deepEqual(
      Object.keys(properties).filter((key) => !CLIENT_ONLY.includes(key)).sort(),
      Object.keys(values).sort(),
    );
    for (const [key, value] of Object.entries(values)) {
      assert.notDeepEqual(toServerSettings(section(key, value)), {}, `${key} reaches the server`);
    }
    for (const key of CLIENT_ONLY) {
      assert.deepEqual(toServerSettings(section(key, 'verbose')), {}, `${key} stays in the client`);
    }
  });

  it('contributes the five commands and validates .awesome-ls.json', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [
      'awesomeLs.fixAll',
      'awesomeLs.restartServer',
      'awesomeLs.showOutput',
      'awesomeLs.sortSection',
      'awesomeLs.updateToc',
    ]);
    assert.deepEqual(manifest.contributes.jsonValidation, [
      { fileMatch: '.awesome-ls.json', url: './schemas/awesome-ls.schema.json' },
    ]);
  });
});
