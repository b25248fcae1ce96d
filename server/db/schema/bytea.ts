import { customType } from "drizzle-orm/pg-core";

/**
 * PostgreSQL bytea as Uint8Array. postgres-js returns Buffer and PGlite returns Uint8Array;
 * both are normalised to a plain Uint8Array so ledger bytes compare and hash identically.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
  toDriver(value) {
    return value;
  },
  fromDriver(value) {
    return value instanceof Uint8Array
      ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
      : value;
  },
});
