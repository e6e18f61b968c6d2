/** Checking generated hunts with the Kusto language service before they are printed. */
import type { Platform } from '../core/hunt/catalogue.js';
import type { Hunt } from '../core/hunt/generate.js';
import { createKustoService } from '../core/kusto/index.js';
import { CliError, EXIT } from './errors.js';

/**
 * How many values of each IOC list the validated copy of a hunt keeps. The Kusto service's
 * cost grows faster than linearly with the size of a `dynamic([...])` literal (40,000 IOC rows
 * took minutes), but the values add nothing to what validation can find: each one is rendered
 * by kqlString, which the hostile tests prove turns any value into exactly one string literal.
 * So a copy with at most this many per list (never none) has the same tokens and structure at
 * a cost that no longer depends on the report's size.
 */
export const VALIDATION_LIST_SAMPLE = 50;

/**
 * A generated hunt the Kusto service rejects is our bug: fail loudly instead of printing it.
 * `sampled` are the hunts rendered with VALIDATION_LIST_SAMPLE values per list.
 */
export function validateHunts(sampled: readonly Hunt[], platform: Platform): void {
  const service = createKustoService({ platform });
  for (const hunt of sampled) {
    const errors = service.diagnoseQuery(hunt.query).filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new CliError(
        `generated ${hunt.table} hunt fails Kusto validation (${first.code} ${first.message}); please report this`,
        EXIT.invalidHunt,
      );
    }
  }
}
