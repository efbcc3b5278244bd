import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { settingsToConfig, type SettingsReader } from '../../src/settings';

/** A reader over flat keys below `awesomeLs`, like `WorkspaceConfiguration.get`. */
function reader(values: Record<string, unknown>): SettingsReader {
  return (key) => values[key];
}

/** The defaults declared in package.json. */
const defaults = {
  rules: {},
  dialect: 'auto',
  'keywordCount.min': null,
  'keywordCount.max': null,
  venues: [],
};

describe('settingsToConfig', () => {
  it('sends nothing for default settings, so .awesome-ls.json applies', () => {
    assert.deepEqual(settingsToConfig(reader(defaults)), { config: {}, problems: [] });
    assert.deepEqual(settingsToConfig(reader({})), { config: {}, problems: [] });
  });

  it('passes rule severities through', () => {
    const { config, problems } = settingsToConfig(
      reader({ ...defaults, rules: { 'entry-order': 'off', whitespace: 'error' } }),
    );
    assert.deepEqual(config, { rules: { 'entry-order': 'off', whitespace: 'error' } });
    assert.deepEqual(problems, []);
  });

  it('drops an unknown severity and says which rule', () => {
    const { config, problems } = settingsToConfig(
      reader({ rules: { 'entry-order': 'fatal', venue: 'info' } }),
    );
    assert.deepEqual(config, { rules: { venue: 'info' } });
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /"entry-order" has "fatal"/);
  });

  it('rejects a rules value that is not an object', () => {
    const { config, problems } = settingsToConfig(reader({ rules: ['off'] }));
    assert.deepEqual(config, {});
    assert.match(problems[0] ?? '', /awesomeLs\.rules must be an object/);
  });

  it('maps keywordCount to the keyword-count rule options', () => {
    const { config } = settingsToConfig(
      reader({ ...defaults, 'keywordCount.min': 2, 'keywordCount.max': 4 }),
    );
    assert.deepEqual(config, { rules: { 'keyword-count': { min: 2, max: 4 } } });
  });

  it('sends only the keyword bound that is set', () => {
    const { config } = settingsToConfig(reader({ ...defaults, 'keywordCount.max': 3 }));
    assert.deepEqual(config, { rules: { 'keyword-count': { max: 3 } } });
  });

  it('keeps a keyword-count severity when bounds are set', () => {
    const { config } = settingsToConfig(
      reader({ rules: { 'keyword-count': 'warning' }, 'keywordCount.min': 0 }),
    );
    assert.deepEqual(config, {
      rules: { 'keyword-count': { severity: 'warning', min: 0 } },
    });
  });

  it('ignores a keyword bound that is not a whole number', () => {
    const { config, problems } = settingsToConfig(
      reader({ 'keywordCount.min': 1.5, 'keywordCount.max': -1 }),
    );
    assert.deepEqual(config, {});
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /keywordCount\.min/);
    assert.match(problems[1] ?? '', /keywordCount\.max/);
  });

  it('forces a dialect only when it is not auto', () => {
    assert.deepEqual(settingsToConfig(reader({ dialect: '2026' })).config, { dialect: '2026' });
    assert.deepEqual(settingsToConfig(reader({ dialect: 'auto' })).config, {});
    const bad = settingsToConfig(reader({ dialect: 2021 }));
    assert.deepEqual(bad.config, {});
    assert.match(bad.problems[0] ?? '', /awesomeLs\.dialect/);
  });

  it('passes venues with the server field names and drops invalid ones', () => {
    const { config, problems } = settingsToConfig(
      reader({
        venues: [
          { name: 'TMLR', fullName: 'Transactions on Machine Learning Research', aliases: ['T-MLR'] },
          { name: 'SaTML' },
          { fullName: 'no name' },
          { name: 'X', aliases: 'not a list' },
        ],
      }),
    );
    assert.deepEqual(config, {
      venues: [
        { name: 'TMLR', fullName: 'Transactions on Machine Learning Research', aliases: ['T-MLR'] },
        { name: 'SaTML' },
        { name: 'X' },
      ],
    });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /venues\[2\] needs a non-empty "name"/);
    assert.match(problems[1] ?? '', /venues\[3\]\.aliases/);
  });

  it('never sends keys the server does not know (trace, server path)', () => {
    const { config } = settingsToConfig(
      reader({
        ...defaults,
        'server.path': '/opt/awesome-ls',
        'trace.server': 'verbose',
        rules: { venue: 'warning' },
        dialect: '2021',
        'keywordCount.min': 1,
        venues: [{ name: 'A' }],
      }),
    );
    assert.deepEqual(Object.keys(config).sort(), ['dialect', 'rules', 'venues']);
  });
});
