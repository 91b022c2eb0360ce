export { ParameterRefresher, systemTimer, validateParameters } from './parameter-refresher.js';
export type {
  ParameterRefresherOptions,
  RefreshedParameters,
  RefreshOutcome,
  RefreshTimer,
} from './parameter-refresher.js';
export { parameterRefresherForState, writeConfigAtomically } from './state-parameters.js';
