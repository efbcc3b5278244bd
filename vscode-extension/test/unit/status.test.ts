import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { findingsText, serverStatusView } from '../../src/status';

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
});
