export { ParameterRefresher, validateParameters } from './parameter-refresher.js';
export type {
  ParameterRefresherOptions,
  RefreshedParameters,
  RefreshOutcome,
} from './parameter-refresher.js';
export { parameterRefresherForState, writeConfigAtomically } from './state-parameters.js';
