// Maps the `awesomeLs.*` VS Code settings to the server's configuration object, which has the
// shape of an `.awesome-ls.json` file. Pure (no `vscode` import) so unit tests run in plain node.
// Settings left at their defaults are omitted, so the workspace's `.awesome-ls.json` still applies.

export const SEVERITIES = ['off', 'info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DIALECTS = ['2021', '2026'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** The rule whose options `awesomeLs.keywordCount.*` set. */
export const KEYWORD_COUNT_RULE = 'keyword-count';

export interface VenueConfig {
  name: string;
  fullName?: string;
  aliases?: string[];
}

export interface RuleOptions {
  severity?: Severity;
  min?: number;
  max?: number;
}

export type RuleConfig = Severity | RuleOptions;

/** The server configuration (a subset of the `.awesome-ls.json` keys). */
export interface ServerConfig {
  rules?: Record<string, RuleConfig>;
  dialect?: Dialect;
  venues?: VenueConfig[];
}

export interface MappedSettings {
  config: ServerConfig;
  /** One line per setting value that was ignored because it has the wrong type or value. */
  problems: string[];
}

/** Reads one key below the `awesomeLs` section, like `WorkspaceConfiguration.get(key)`. */
export type SettingsReader = (key: string) => unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

function mapRules(value: unknown, problems: string[]): Record<string, RuleConfig> {
  const rules: Record<string, RuleConfig> = {};
  if (value === undefined || value === null) {
    return rules;
  }
  if (!isRecord(value)) {
    problems.push('awesomeLs.rules must be an object of rule id to severity; ignored.');
    return rules;
  }
  for (const [id, severity] of Object.entries(value)) {
    if (isSeverity(severity)) {
      rules[id] = severity;
    } else {
      problems.push(
        `awesomeLs.rules: "${id}" has ${JSON.stringify(severity)}; ` +
          `expected one of ${SEVERITIES.join(', ')}. Ignored.`,
      );
    }
  }
  return rules;
}

function readCount(get: SettingsReader, key: string, problems: string[]): number | undefined {
  const value = get(key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return value;
  }
  problems.push(`awesomeLs.${key} must be a whole number >= 0 or empty; ignored.`);
  return undefined;
}

function mapKeywordCount(
  get: SettingsReader,
  rules: Record<string, RuleConfig>,
  problems: string[],
): void {
  const min = readCount(get, 'keywordCount.min', problems);
  const max = readCount(get, 'keywordCount.max', problems);
  if (min === undefined && max === undefined) {
    return;
  }
  const current = rules[KEYWORD_COUNT_RULE];
  const options: RuleOptions = typeof current === 'string' ? { severity: current } : {};
  if (min !== undefined) {
    options.min = min;
  }
  if (max !== undefined) {
    options.max = max;
  }
  rules[KEYWORD_COUNT_RULE] = options;
}

function mapDialect(value: unknown, problems: string[]): Dialect | undefined {
  if (value === undefined || value === null || value === 'auto') {
    return undefined;
  }
  if (typeof value === 'string' && (DIALECTS as readonly string[]).includes(value)) {
    return value as Dialect;
  }
  problems.push(`awesomeLs.dialect: ${JSON.stringify(value)} is not auto, 2021 or 2026; ignored.`);
  return undefined;
}

function mapVenue(value: unknown, index: number, problems: string[]): VenueConfig | undefined {
  if (!isRecord(value) || typeof value.name !== 'string' || value.name.trim() === '') {
    problems.push(`awesomeLs.venues[${index}] needs a non-empty "name"; ignored.`);
    return undefined;
  }
  const venue: VenueConfig = { name: value.name };
  const fullName = value.fullName;
  if (typeof fullName === 'string') {
    venue.fullName = fullName;
  } else if (fullName !== undefined) {
    problems.push(`awesomeLs.venues[${index}].fullName must be a string; ignored.`);
  }
  const aliases = value.aliases;
  if (Array.isArray(aliases) && aliases.every((a) => typeof a === 'string')) {
    venue.aliases = aliases;
  } else if (aliases !== undefined) {
    problems.push(`awesomeLs.venues[${index}].aliases must be a list of strings; ignored.`);
  }
  return venue;
}

function mapVenues(value: unknown, problems: string[]): VenueConfig[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push('awesomeLs.venues must be a list; ignored.');
    return [];
  }
  return value
    .map((venue, index) => mapVenue(venue, index, problems))
    .filter((venue): venue is VenueConfig => venue !== undefined);
}

/** Builds the server configuration from the `awesomeLs.*` settings. Never throws. */
export function settingsToConfig(get: SettingsReader): MappedSettings {
  const problems: string[] = [];
  const config: ServerConfig = {};

  const rules = mapRules(get('rules'), problems);
  mapKeywordCount(get, rules, problems);
  if (Object.keys(rules).length > 0) {
    config.rules = rules;
  }
  const dialect = mapDialect(get('dialect'), problems);
  if (dialect !== undefined) {
    config.dialect = dialect;
  }
  const venues = mapVenues(get('venues'), problems);
  if (venues.length > 0) {
    config.venues = venues;
  }
  return { config, problems };
}
