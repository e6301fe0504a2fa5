// The route's page; the desk itself lives in ./audit/.
export { AuditDesk as AuditPage } from './audit/AuditDesk';
