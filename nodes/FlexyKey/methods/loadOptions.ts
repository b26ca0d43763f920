/**
 * Dropdown loaders: the chosen unit's outputs, unit-info types and profiles, setting definitions,
 * webhook events and booking objects, each read from the API with the node's credential.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeParameterResourceLocator, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { expectReading } from '../../shared/contract';
import { apiRequest } from '../../shared/transport';
import { bookingObjectFields, eventName, listRows, readUnit, readUnitInfoProfiles, readUnitInfoTypes, readSettingRules, SERVICE, unitFields } from '../contract';
import { flexyKey } from '../transport';

/** An output's `globalNumber`: main relays F1/F2 and expansion outputs X1–X64. */
export const OUTPUT_NUMBER = /^(F\d+|X\d+)$/;

const get = <T = unknown>(ctx: ILoadOptionsFunctions, path: string) =>
	apiRequest.call(ctx, flexyKey, { method: 'GET', path, idempotent: true }) as Promise<T>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The unit picked in the `unit` field, fetched from the API; undefined while nothing usable is picked. */
async function currentUnit(ctx: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	const locator = ctx.getCurrentNodeParameter('unit') as INodeParameterResourceLocator | string | undefined;
	const mode = typeof locator === 'object' && locator !== null ? locator.mode : 'id';
	const raw = String((typeof locator === 'object' && locator !== null ? locator.value : locator) ?? '').trim();
	// An expression (or nothing yet) cannot be resolved while editing: offer nothing rather than guess.
	if (raw === '' || raw.startsWith('=') || !/^\d+$/.test(raw)) return undefined;
	if (mode === 'serialNumber') {
		const units = listRows(ctx.getNode(), 'units', await get(ctx, '/Units'));
		const unit = units.find((candidate) => unitFields(candidate).serialNumber === raw);
		if (!unit) throw new NodeOperationError(ctx.getNode(), `No unit with serial number ${raw} is visible to this user`);
		return unit;
	}
	return expectReading(ctx.getNode(), SERVICE, 'GET /Units/{unitId}', readUnit(await get(ctx, `/Units/${encodeURIComponent(raw)}`)));
}

/**
 * Every IO object below the unit whose `globalNumber` names an output, wherever the API nests it
 * (main board, expansions). // inferred: the doc shows IO objects but not the collections' names.
 */
export function unitOutputs(unit: unknown): Array<{ globalNumber: string; description?: string; localNumber?: unknown; path: string }> {
	const found = new Map<string, { globalNumber: string; description?: string; localNumber?: unknown; path: string }>();
	const walk = (value: unknown, path: string): void => {
		if (Array.isArray(value)) {
			value.forEach((entry, index) => walk(entry, `${path}[${index}]`));
			return;
		}
		if (typeof value !== 'object' || value === null) return;
		const io = value as IDataObject;
		const globalNumber = text(io.globalNumber);
		if (globalNumber && OUTPUT_NUMBER.test(globalNumber) && !found.has(globalNumber)) {
			found.set(globalNumber, { globalNumber, description: text(io.description), localNumber: io.localNumber, path });
		}
		for (const [key, child] of Object.entries(io)) walk(child, path ? `${path}.${key}` : key);
	};
	walk(unit, '');
	return [...found.values()];
}

export const loadOptions = {
	/** Outputs of the unit chosen in "Unit" (depends on `unit.value`). */
	async getUnitOutputs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const unit = await currentUnit(this);
		if (!unit) return [];
		return unitOutputs(unit).map(({ globalNumber, description, path }) => ({
			name: description ? `${globalNumber} – ${description}` : globalNumber,
			value: globalNumber,
			description: path.startsWith('expansions') ? 'Expansion module output' : 'Main unit relay',
		}));
	},

	/** Approved CHECK command types (`GET /RequestUnitInfoTypes`, read by `readUnitInfoTypes`). */
	async getUnitInfoTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const types = expectReading(this.getNode(), SERVICE, 'GET /RequestUnitInfoTypes', readUnitInfoTypes(await get(this, '/RequestUnitInfoTypes')));
		return types.map(({ typeName, description }) => ({ name: typeName, value: typeName, description }));
	},

	/** Pre-built profiles (`GET /RequestUnitInfoTypes`), with the commands each runs. */
	async getUnitInfoProfiles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const profiles = expectReading(this.getNode(), SERVICE, 'GET /RequestUnitInfoTypes', readUnitInfoProfiles(await get(this, '/RequestUnitInfoTypes')));
		return profiles.map(({ profile, typeNames, description }) => ({
			name: profile,
			value: profile,
			description: `${description ?? 'Profile'}${typeNames.length ? ` (${typeNames.join(', ')})` : ''}`,
		}));
	},

	/** Approved settings (`GET /UnitSettings/Definitions`). */
	async getSettingDefinitions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return listRows(this.getNode(), 'settingDefinitions', await get(this, '/UnitSettings/Definitions')).flatMap((definition) => {
			const rules = readSettingRules(definition);
			return rules ? [{ name: rules.setting, value: rules.setting, description: rules.description }] : [];
		});
	},

	/** Supported webhook events (`GET /Webhooks/Events`: names, or objects with a name). */
	async getWebhookEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return listRows(this.getNode(), 'webhookEvents', await get(this, '/Webhooks/Events'), undefined, 'event').flatMap((event) => {
			const name = eventName(event);
			return name ? [{ name, value: name }] : [];
		});
	},

	/** Bookable objects of the user's company (`GET /BookingObjects`). */
	async getBookingObjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return listRows(this.getNode(), 'bookingObjects', await get(this, '/BookingObjects')).flatMap((object) => {
			const { bookingObjectId, name, description } = bookingObjectFields(object);
			if (bookingObjectId === undefined) return [];
			return [{ name: `${name ?? 'Booking object'} (${bookingObjectId})`, value: Number(bookingObjectId), description }];
		});
	},
};
