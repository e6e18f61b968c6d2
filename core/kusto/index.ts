// The Kusto adapter: the only part of the product that loads Microsoft's Kusto language service.
// Everything it returns is a plain type defined here, so callers never meet Bridge.NET objects.
export type { Platform, PlatformFunction } from './catalog.js';
export type { KqlDiagnostic } from './diagnostics.js';
export type { CustomFunction, DeclarationProblem } from './globals.js';
export type { QueryBlock } from './split.js';
export { splitQueries } from './split.js';
export {
  createKustoService,
  type KqlColumn,
  type KustoService,
  type KustoServiceOptions,
} from './service.js';
export { stringLiteralValues, type StringLiteral } from './literals.js';
