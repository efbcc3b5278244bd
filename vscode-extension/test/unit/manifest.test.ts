// Checks package.json against the code: the settings it declares are the ones the code reads.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { FIX_ALL_KIND } from '../../src/protocol';
import { settingsToConfig } from '../../src/settings';

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

describe('package.json', () => {
  it('keeps the server path machine-scoped', () => {
    assert.equal(properties['awesomeLs.server.path']?.scope, 'machine');
  });

  it('declares every setting the config mapping reads, and their defaults send nothing', () => {
    const read: string[] = [];
    const result = settingsToConfig((key) => {
      read.push(`awesomeLs.${key}`);
      return properties[`awesomeLs.${key}`]?.default;
    });
    for (const key of read) {
      assert.ok(key in properties, `${key} is read but not declared`);
    }
    assert.deepEqual(result, { config: {}, problems: [] });
    const clientOnly = ['awesomeLs.server.path', 'awesomeLs.trace.server'];
    assert.deepEqual(
      Object.keys(properties).filter((key) => !clientOnly.includes(key)).sort(),
      [...new Set(read)].sort(),
    );
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
    assert.equal(FIX_ALL_KIND, 'source.fixAll.awesome-ls');
  });
});
