/** Checking generated hunts with the Kusto language service before they are printed. */
import type { Platform } from '../core/hunt/catalogue.js';
import type { Hunt } from '../core/hunt/generate.js';
import { createKustoService } from '../core/kusto/index.js';
import { CliError, EXIT } from './errors.js';

/**
 * How many values of each IOC list the validated copy of a hunt keeps. The Kusto service's
 * cost grows faster than linearly with the size of a `dynamic([...])` literal (a 100,000-row
 * report was not done in five minutes), yet the values add nothing validation can find: each is
 * rendered by kqlString, which the hostile tests prove makes any value one string literal.
 * So a copy with at most this many per list (never none) has the same statements and kinds of
 * token at a cost that no longer depends on the size of the report.
 */
export const VALIDATION_LIST_SAMPLE = 50;

/**
 * A generated hunt the Kusto service rejects is our bug: fail loudly instead of printing it.
 * Each hunt's `sampleQuery` (generated with VALIDATION_LIST_SAMPLE) is checked when present.
 */
export function validateHunts(hunts: readonly Hunt[], platform: Platform): void {
  const service = createKustoService({ platform });
  for (const hunt of hunts) {
    const query = hunt.sampleQuery ?? hunt.query;
    const errors = service.diagnoseQuery(query).filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new CliError(
        `generated ${hunt.table} hunt fails Kusto validation (${first.code} ${first.message}); please report this`,
        EXIT.invalidHunt,
      );
    }
  }
}
