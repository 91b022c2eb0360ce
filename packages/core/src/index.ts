export * from './result/result.js';
export * from './fdm-api/types.js';
export * from './fdm-api/invalid-request.js';
