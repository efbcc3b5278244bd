// Reshapes the `awesomeLs` settings section into the server's configuration, which has the
// shape of an `.awesome-ls.json` file. Only the shape: the server validates the values and
// reports a bad one itself. Pure (no `vscode` import) so unit tests run in plain node.

/** The rule whose options `awesomeLs.keywordCount.*` set. */
export const KEYWORD_COUNT_RULE = 'keyword-count';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Null, undefined, "auto", [] and {}: the settings' defaults, which leave the file in force. */
function isDefault(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === 'auto' ||
    (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.keys(value).length === 0)
  );
}

/** `rules` with the set `keywordCount` bounds added as options of the keyword-count rule. */
function withKeywordBounds(rules: unknown, keywordCount: unknown): unknown {
  const bounds = Object.entries(isRecord(keywordCount) ? keywordCount : {}).filter(
    ([key, value]) => (key === 'min' || key === 'max') && !isDefault(value),
  );
  if (bounds.length === 0 || !isRecord(rules)) {
    return rules;
  }
  const current = rules[KEYWORD_COUNT_RULE];
  const options = typeof current === 'string' ? { severity: current } : current;
  return {
    ...rules,
    [KEYWORD_COUNT_RULE]: { ...(isRecord(options) ? options : {}), ...Object.fromEntries(bounds) },
  };
}

/**
 * The server configuration for the `awesomeLs` section as VS Code holds it (`rules`,
 * `dialect`, `venues`, `keywordCount.{min,max}`, and the client-only `server` and `trace`,
 * which are left out). Settings at their defaults are left out too, so the workspace's
 * `.awesome-ls.json` applies.
 */
export function toServerSettings(section: unknown): Record<string, unknown> {
  const settings = isRecord(section) ? section : {};
  const config: Record<string, unknown> = {
    rules: withKeywordBounds(settings.rules ?? {}, settings.keywordCount),
    dialect: settings.dialect,
    venues: settings.venues,
  };
  return Object.fromEntries(Object.entries(config).filter(([, value]) => !isDefault(value)));
}
