/**
 * One run per operation of every action node, against the simulator, whose outputs `npm run schemas`
 * turns into n8n output schemas. Cases run in order on one simulator, so a later case may use what an
 * earlier one created (`earlier('flexUnlock', 'unlock', 'placeOrder')`). Parameters are what a user
 * would set; each case must succeed (an error output is no schema).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { cekSafeFixtures } from '../../simulator/ceksafe';
import { flexUnlockFixtures } from '../../simulator/flexunlock';

export type ActionNode = 'flexyKey' | 'flexUnlock' | 'cekSafe';

export interface Earlier {
	(node: ActionNode, resource: string, operation: string): IDataObject[];
}

export interface ActionCase {
	node: ActionNode;
	resource: string;
	operation: string;
	parameters: INodeParameters | ((earlier: Earlier) => INodeParameters);
	/** Items fed to the node (default: one empty item). */
	input?: IDataObject[];
}

const UNIT = 3023;
const unit = (value: number | string = UNIT) => ({ __rl: true, mode: 'id', value: String(value) });
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString();
/** The simulator's sync state check keeps answers for a moment; the node refuses polling faster than this. */
const SYNC_WAIT = { syncTimeout: 30, syncPollInterval: 2 };
export const CALLBACK_PATH = '/schemas-callback';

export function actionCases(callbackUrl: string): ActionCase[] {
	const fk = (resource: string, operation: string, parameters: ActionCase['parameters'] = {}): ActionCase => ({ node: 'flexyKey', resource, operation, parameters });
	const fu = (resource: string, operation: string, parameters: ActionCase['parameters'] = {}): ActionCase => ({ node: 'flexUnlock', resource, operation, parameters });
	const cs = (resource: string, operation: string, parameters: ActionCase['parameters'] = {}): ActionCase => ({ node: 'cekSafe', resource, operation, parameters });
	return [
		fk('unit', 'getMany', { returnAll: true }),
		fk('unit', 'get', { unit: unit() }),
		fk('control', 'getStatus', { unit: unit() }),
		fk('control', 'setOutput', { unit: unit(), outputNumber: 'F1', outputAction: 'ON', waitForConfirmation: true, confirmTimeout: 10, confirmInterval: 2 }),
		fk('access', 'grant', { unit: unit(), idNumber: 'schema-guest', entryName: 'Guest', entryAction: 'R1', validFromIso: day(1), validToIso: day(2), ...SYNC_WAIT }),
		fk('access', 'revoke', { unit: unit(), revokeBy: 'idNumber', idNumber: 'schema-guest', ...SYNC_WAIT }),
		fk('idEntry', 'getMany', { unit: unit(), returnAll: true }),
		fk('idEntry', 'create', { unit: unit(), idNumber: '+46700000001', entryAction: 'R1', additionalFields: { name: 'Schema Tenant' } }),
		fk('idEntry', 'update', (earlier) => ({ unit: unit(), entryId: earlier('flexyKey', 'idEntry', 'create')[0].id as number, updateFields: { name: 'Schema Tenant 2' } })),
		fk('idEntry', 'delete', (earlier) => ({ unit: unit(), entryId: earlier('flexyKey', 'idEntry', 'create')[0].id as number })),
		fk('setting', 'getDefinitions'),
		fk('setting', 'getMany', { unit: unit() }),
		fk('setting', 'update', { unit: unit(), setting: 'WifiMode', value: 'AP', params: '' }),
		fk('syncState', 'allUnitData', { unit: unit(), unitSyncState: 'changed' }),
		fk('syncState', 'idEntries', { unit: unit(), syncStateScope: 'all', unitSyncState: 'changed' }),
		fk('syncState', 'settings', { unit: unit(), syncStateScope: 'all', unitSyncState: 'changed' }),
		fk('sync', 'getStatus', { unit: unit() }),
		fk('sync', 'pushChanges', { unit: unit() }),
		fk('sync', 'abort', { unit: unit() }),
		fk('sync', 'pushAndWait', { unit: unit(), ...SYNC_WAIT }),
		fk('unitInfo', 'getTypes'),
		fk('unitInfo', 'request', { unit: unit(), requestKind: 'type', typeName: 'CHECKTIME' }),
		fk('unitInfo', 'requestAndWait', { unit: unit(), requestKind: 'type', typeName: 'CHECKTEMP', timeout: 30 }),
		fk('unitInfo', 'getMessages', { unit: unit(), limit: 50 }),
		fk('log', 'getMany', { unit: unit(), from: day(-10), to: day(0.01), returnAll: true }),
		fk('webhook', 'getEvents'),
		fk('webhook', 'upsert', { unit: unit(), event: 'control.statusChanged', callbackUrl, httpMethod: 'POST', isActive: true }),
		fk('webhook', 'getMany', { unit: unit() }),
		fk('webhook', 'sendTest', { unit: unit(), event: 'control.statusChanged' }),
		fk('webhook', 'delete', { unit: unit(), event: 'control.statusChanged' }),
		fk('booking', 'getObjects'),
		fk('booking', 'create', { bookingObjectId: 501, from: day(3), to: day(3.1), additionalFields: { name: 'Schema Guest' } }),
		fk('booking', 'get', (earlier) => ({ bookingId: String(earlier('flexyKey', 'booking', 'create')[0].bookingId) })),
		fk('booking', 'getMany', { bookingObjectId: 501, from: day(0), to: day(7), returnAll: true }),
		fk('booking', 'update', (earlier) => ({ bookingId: String(earlier('flexyKey', 'booking', 'create')[0].bookingId), updateFields: { name: 'Schema Guest 2' } })),
		fk('booking', 'delete', (earlier) => ({ bookingId: String(earlier('flexyKey', 'booking', 'create')[0].bookingId) })),

		fu('unlock', 'checkEligibility', { imei: flexUnlockFixtures.eligibleImei, carrier: 'T-Mobile' }),
		fu('unlock', 'placeOrder', { imei: flexUnlockFixtures.eligibleImei, carrier: 'T-Mobile', service: 'Activation' }),
		fu('unlock', 'getOrderStatus', (earlier) => ({ orderId: String(earlier('flexUnlock', 'unlock', 'placeOrder')[0].order_id) })),
		fu('unlock', 'orderAndWait', { imei: flexUnlockFixtures.eligibleImei2, carrier: 'T-Mobile', service: 'Activation', timeout: 30, pollInterval: 1 }),
		fu('webhook', 'create', { url: callbackUrl, events: ['unlock.completed', 'unlock.failed'], secret: 'schema-secret-0123456789' }),
		fu('webhook', 'getMany', { returnAll: true }),
		fu('webhook', 'delete', (earlier) => ({ webhookId: { __rl: true, mode: 'id', value: String(earlier('flexUnlock', 'webhook', 'create')[0].webhook_id ?? earlier('flexUnlock', 'webhook', 'create')[0].id) } })),

		cs('imei', 'validate', { imei: cekSafeFixtures.cleanImei }),
		cs('imei', 'check', { imei: cekSafeFixtures.cleanImei, checkType: 'total' }),
		cs('history', 'getMany', { returnAll: true }),
	];
}
