import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { answerConfigurationItems } from '../../src/protocol';

describe('protocol', () => {
  it('reshapes the awesomeLs section it is asked for and leaves other sections alone', () => {
    assert.deepEqual(
      answerConfigurationItems(
        [{ section: 'editor' }, { section: 'awesomeLs', scopeUri: 'file:///w' }, {}],
        [
          { tabSize: 2 },
          { rules: { venue: 'off' }, keywordCount: { min: null, max: 3 }, server: { path: '' } },
        ],
      ),
      [{ tabSize: 2 }, { rules: { venue: 'off', 'keyword-count': { max: 3 } } }, null],
    );
  });
});
