export * from './result/result.js';
