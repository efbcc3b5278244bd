import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  SERVER_COMMANDS,
  answerConfigurationItems,
  didChangeConfigurationParams,
  executeCommandParams,
} from '../../src/protocol';

describe('protocol', () => {
  it('builds workspace/executeCommand params with one {uri, position} argument', () => {
    assert.deepEqual(
      executeCommandParams(SERVER_COMMANDS.sortSection, 'file:///l.md', { line: 3, character: 1 }),
      {
        command: 'awesome-ls.sortSection',
        arguments: [{ uri: 'file:///l.md', position: { line: 3, character: 1 } }],
      },
    );
    assert.equal(SERVER_COMMANDS.updateToc, 'awesome-ls.updateToc');
  });

  it('nests the config under awesomeLs in didChangeConfiguration', () => {
    assert.deepEqual(didChangeConfigurationParams({ dialect: '2021' }), {
      settings: { awesomeLs: { dialect: '2021' } },
    });
  });

  it('answers the awesomeLs section with the config and leaves other sections alone', () => {
    const config = { rules: { venue: 'off' as const } };
    assert.deepEqual(
      answerConfigurationItems(
        [{ section: 'editor' }, { section: 'awesomeLs', scopeUri: 'file:///w' }, {}],
        [{ tabSize: 2 }, { keywordCount: { min: null } }],
        config,
      ),
      [{ tabSize: 2 }, config, null],
    );
  });
});
