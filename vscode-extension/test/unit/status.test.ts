import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { DocumentInfo } from '../../src/protocol';
import { documentInfoText, findingsDetail, findingsText, serverStatusView } from '../../src/status';

const INFO: DocumentInfo = {
  uri: 'file:///w/list.md',
  version: 3,
  paperList: true,
  dialect: '2021',
  dialectSource: 'detected',
  entries: 98,
  sections: 30,
  findings: 9,
  findingsBySeverity: { error: 0, warning: 2, information: 7 },
};

describe('language status', () => {
  it('shows the server state, busy while starting', () => {
    assert.deepEqual(serverStatusView({ state: 'starting' }), {
      text: 'awesome-ls: starting',
      detail: '',
      busy: true,
      isError: false,
    });
    assert.deepEqual(serverStatusView({ state: 'running' }), {
      text: 'awesome-ls: running',
      detail: '',
      busy: false,
      isError: false,
    });
  });

  it('shows why a server stopped as an error, and a requested stop as none', () => {
    assert.deepEqual(serverStatusView({ state: 'stopped', error: 'Cannot find the server' }), {
      text: 'awesome-ls: stopped',
      detail: 'Cannot find the server',
      busy: false,
      isError: true,
    });
    assert.equal(serverStatusView({ state: 'stopped' }).isError, false);
  });

  it('counts the findings of the active list', () => {
    assert.equal(findingsText(0), 'No findings');
    assert.equal(findingsText(1), '1 finding');
    assert.equal(findingsText(12), '12 findings');
  });

  it('shows the dialect and the papers of the active list while the server runs', () => {
    assert.equal(
      serverStatusView({ state: 'running' }, INFO).detail,
      '2021 dialect (detected) · 98 papers',
    );
    assert.equal(
      documentInfoText({ ...INFO, dialect: '2026', dialectSource: 'configured', entries: 1 }),
      '2026 dialect (configured) · 1 paper',
    );
    assert.equal(documentInfoText({ ...INFO, paperList: false }), 'not a paper list: nothing checked');
    // An answer that arrived before the server stopped is not shown with the new state.
    assert.equal(serverStatusView({ state: 'starting' }, INFO).detail, '');
    assert.equal(serverStatusView({ state: 'stopped', error: 'crashed' }, INFO).detail, 'crashed');
  });

  it('details the findings by severity, leaving out the empty ones', () => {
    assert.equal(findingsDetail(INFO), '2 warnings · 7 information');
    assert.equal(
      findingsDetail({ ...INFO, findingsBySeverity: { error: 1, warning: 1, information: 0 } }),
      '1 error · 1 warning',
    );
    assert.equal(
      findingsDetail({ ...INFO, findingsBySeverity: { error: 0, warning: 0, information: 0 } }),
      '',
    );
  });
});
