// The FDM bridge internet interface (BII, addendum 1, A-1..A-12).
export { biiErrorCodes, refusalBody, type BiiErrorCode, type BiiRefusal } from './errors/bii-errors.js';
export { readPosRequest, type PosRequest, type HeaderValue } from './request/read-pos-request.js';
export {
  checkChange,
  type BridgePolicy,
  type EndUser,
  type FdmPolicy,
  type PolicyAdmin,
  type PolicyChange,
  type PolicyChangeRequest,
  type PolicyDecision,
} from './policy/bridge-policy.js';
export { SqlPolicy } from './policy/sql-policy.js';
export { openSql, sqlLocation, DatabaseInUseError, type Sql, type SqlLocation } from './store/sql.js';
export { migrate } from './store/migrations.js';
export { RouteTable, type Route, type AttachmentRow } from './routing/route-table.js';
export {
  startUplinkHub,
  type UplinkHub,
  type UplinkHubOptions,
  type LinkInfo,
  type LinkOutcome,
  type PendingForward,
} from './link/uplink-hub.js';
export {
  CrlFeed,
  httpsCrlFetcher,
  normalSerial,
  type CrlFeedOptions,
  type CrlState,
} from './revocation/crl-feed.js';
export { createForwarder, type Forwarder, type ForwarderOptions } from './link/forwarder.js';
export { realTimers, type ForwardResult, type Timers } from './link/forward-result.js';
export { startPeerServer, createPeerClient, type NodeTls, type PeerClient } from './peer/peer-hop.js';
export {
  startBridgeNode,
  defaultTimeoutMs,
  maxPosBodyBytes,
  type BridgeNode,
  type BridgeNodeOptions,
} from './server/bridge-node.js';
export { streamLog, silentLog, teeLog, type BridgeLog, type LogFields } from './server/bridge-log.js';
export { ensureInspector, checkInspector, defaultInspectorName } from './console/inspector-credential.js';
export {
  buildSnapshot,
  renderConsoleHtml,
  type ConsoleSnapshot,
  type ConsoleFdm,
} from './console/console-view.js';
export { createLocalCa, loadLocalCa, type LocalCa, type IssueRequest } from './pki/local-pki.js';
export {
  biiStartCommand,
  biiEnableCommand,
  biiDisableCommand,
  biiStatusCommand,
  startBridgeFromArgs,
  defaultBiiPort,
  defaultUplinkPort,
  defaultPeerPort,
  type BiiCommand,
  type StartedBridge,
} from './cli/index.js';
