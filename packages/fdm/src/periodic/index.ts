export { SerialTicker, systemTimer, type RefreshTimer } from './serial-ticker.js';
