import { Type, type TSchema } from '@sinclair/typebox';

/** A setting that may be left empty: null (YAML's empty value) or "" mean "not set", as Go's zero values do. */
const Optional = <S extends TSchema>(schema: S) => Type.Optional(Type.Union([Type.Null(), schema]));
const Text = () => Optional(Type.String());

/**
 * `temporal.tls` of config/temporal.yaml. The names are those of a Temporal client profile
 * (`@temporalio/envconfig`'s TOML, `temporal` CLI), so a profile's TLS table can be copied in; `enabled`
 * is `TEMPORAL_TLS`. Each certificate or key is a file (`*_path`) or the PEM itself (`*_data`).
 */
export const TemporalTlsSchema = Type.Object(
  {
    enabled: Optional(Type.Boolean()),
    server_name: Text(),
    server_ca_cert_path: Text(),
    server_ca_cert_data: Text(),
    client_cert_path: Text(),
    client_cert_data: Text(),
    client_key_path: Text(),
    client_key_data: Text(),
  },
  { additionalProperties: false },
);

/** The connection settings of `temporal:` besides `host` and `namespace`: TLS and an API key. */
export const TemporalConnectionSchema = {
  tls: Type.Optional(TemporalTlsSchema),
  /** The key itself; better kept out of a committed file: prefer `api_key_file` or TEMPORAL_API_KEY(_FILE). */
  api_key: Text(),
  api_key_file: Text(),
};
