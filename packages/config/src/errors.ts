/** Raised when a configuration file or an override is invalid; says which setting and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
