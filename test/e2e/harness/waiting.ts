// Tests whose server side is not built yet are skipped with the missing feature named.
// KQL_HUNT_E2E_RUN_WAITING=1 runs them anyway, so whoever builds the feature can watch them
// turn green before removing the skip.

/** The skip option for a test waiting on `feature`. */
export function waitingFor(feature: string): string | false {
  return process.env['KQL_HUNT_E2E_RUN_WAITING'] === '1' ? false : `waiting for ${feature}`;
}
