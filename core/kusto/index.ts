// The Kusto adapter: the only part of the product that loads Microsoft's Kusto language service.
// Everything it returns is a plain type defined here, so callers never meet Bridge.NET objects.
export type { Platform, PlatformFunction } from './catalog.js';
export type { KqlDiagnostic } from './diagnostics.js';
export { UNKNOWN_FUNCTION_CODE, UNKNOWN_TABLE_CODE } from './diagnostics.js';
export type { CustomFunction, DeclarationProblem } from './globals.js';
export type { QueryBlock } from './split.js';
export { splitQueries } from './split.js';
export type { KqlCompletionItem, KqlCompletionKind, KqlCompletions } from './completion.js';
export type { KqlQuickInfo } from './quickInfo.js';
export type { KqlSignature, KqlSignatureHelp } from './signature.js';
export { KQL_TOKEN_KINDS, type KqlToken, type KqlTokenKind } from './classify.js';
export type { KqlLetSymbol, KqlNameUses } from './letSymbols.js';
export type { DocumentFeatures, KqlTextEdit } from './documentFeatures.js';
export { unknownName, type ParameterDeclaration } from './queryParameters.js';
export { UNKNOWN_NAME_CODE } from './diagnostics.js';
export { COUNT_ARGUMENT_CODE, type CountArgument } from './countArgument.js';
export { INVISIBLE_CHARACTER_CODE, type InvisibleCharacters } from './invisibles.js';
export {
  DEFANGED_STRING_CODE,
  findDefangedStrings,
  refangString,
  type DefangedString,
} from './defang.js';
export {
  createKustoService,
  type KqlColumn,
  type KustoService,
  type KustoServiceOptions,
} from './service.js';
export {
  WORKSPACE_FILE_NAMES,
  parseWorkspaceSchema,
  readFunctions,
  readTables,
  readWorkspaceSchema,
  type WorkspaceSchema,
} from './workspaceFile.js';
export { stringLiteralValues, type StringLiteral } from './literals.js';
export { fencedKql, type KqlView } from './markdown.js';
