import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { toServerSettings } from '../../src/settings';

/** The awesomeLs section as VS Code answers it with every setting at its default. */
const defaults = {
  server: { path: '' },
  rules: {},
  dialect: 'auto',
  keywordCount: { min: null, max: null },
  venues: [],
  trace: { server: 'off' },
};

describe('toServerSettings', () => {
  it('sends nothing for default settings, so .awesome-ls.json applies', () => {
    assert.deepEqual(toServerSettings(defaults), {});
    assert.deepEqual(toServerSettings({}), {});
    assert.deepEqual(toServerSettings(null), {});
  });

  it('passes rules, dialect and venues through and leaves the client-only keys out', () => {
    const venues = [{ name: 'TMLR', aliases: ['T-MLR'] }];
    assert.deepEqual(
      toServerSettings({
        ...defaults,
        server: { path: '/opt/awesome-ls' },
        trace: { server: 'verbose' },
        rules: { 'entry-order': 'off' },
        dialect: '2026',
        venues,
      }),
      { rules: { 'entry-order': 'off' }, dialect: '2026', venues },
    );
  });

  it('passes values it does not understand through, for the server to report', () => {
    assert.deepEqual(
      toServerSettings({ rules: { 'entry-order': 'fatal' }, dialect: 2021, venues: [{}] }),
      { rules: { 'entry-order': 'fatal' }, dialect: 2021, venues: [{}] },
    );
    assert.deepEqual(toServerSettings({ rules: ['off'] }), { rules: ['off'] });
  });

  it('maps keywordCount to the keyword-count rule options, only the bounds that are set', () => {
    assert.deepEqual(toServerSettings({ ...defaults, keywordCount: { min: 2, max: 4 } }), {
      rules: { 'keyword-count': { min: 2, max: 4 } },
    });
    assert.deepEqual(toServerSettings({ ...defaults, keywordCount: { min: null, max: 3 } }), {
      rules: { 'keyword-count': { max: 3 } },
    });
    assert.deepEqual(toServerSettings({ keywordCount: { min: 1.5 } }), {
      rules: { 'keyword-count': { min: 1.5 } },
    });
  });

  it('keeps a keyword-count severity or options when bounds are set', () => {
    assert.deepEqual(
      toServerSettings({ rules: { 'keyword-count': 'warning', venue: 'off' }, keywordCount: { min: 0 } }),
      { rules: { 'keyword-count': { severity: 'warning', min: 0 }, venue: 'off' } },
    );
    assert.deepEqual(
      toServerSettings({ rules: { 'keyword-count': { max: 9 } }, keywordCount: { max: 3 } }),
      { rules: { 'keyword-count': { max: 3 } } },
    );
  });
});
