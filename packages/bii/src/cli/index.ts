export {
  biiStartCommand,
  startBridgeFromArgs,
  defaultBiiPort,
  defaultUplinkPort,
  defaultPeerPort,
} from './bii-start.js';
export type { StartedBridge } from './bii-start.js';
export { biiEnableCommand, biiDisableCommand, biiStatusCommand } from './bii-policy.js';
export type { BiiCommand } from './command-shape.js';
