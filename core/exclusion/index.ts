// False-positive exclusions: report scenarios → structured exclusions → lines in hunts. The
// server's quick fixes, the generator and the CLI all go through these functions.
export {
  applyEdits,
  canonicalTable,
  conditionsFor,
  exclusionEdits,
  resultCondition,
  type Exclusion,
  type TextEdit,
} from './apply.js';
export {
  exclusionCatalogue,
  readUserTools,
  type ExclusionCatalogue,
  type ToolEntry,
  type UserTools,
} from './catalogue.js';
export {
  columnsFor,
  exclusionColumns,
  exclusionTables,
  schemaColumns,
  whyNoExclusions,
  type ExclusionRole,
  type ScenarioRole,
} from './columns.js';
export {
  huntExclusionProblems,
  scenarioProblems,
  type ExclusionProblem,
  type ExclusionProblemCode,
} from './diagnose.js';
export {
  hasExclusionAdvice,
  isEmptyExclusion,
  scenarioExclusion,
  type ScenarioExclusion,
} from './extract.js';
export {
  EXCLUSION_MODES,
  huntExclusions,
  renderHuntExclusions,
  scenarioExclusionsFor,
  type ExclusionMode,
  type HuntExclusions,
} from './huntExclusions.js';
export { huntLayout, type HuntLayout } from './huntLayout.js';
export { readExclusionLine, renderExclusionLine, type Condition } from './line.js';
export { resultValueAt, type ResultValue } from './results.js';
export { REFUSAL_TEXT, processRefusal, type RefusalReason, type RefusedValue } from './refusal.js';
