/**
 * Dropdown loaders: the chosen unit's outputs, unit-info types and profiles, setting definitions,
 * webhook events and booking objects, each read from the API with the node's credential.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeParameterResourceLocator, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { flexyKeyApi } from '../transport';

/** An output's `globalNumber`: main relays F1/F2 and expansion outputs X1–X64. */
export const OUTPUT_NUMBER = /^(F\d+|X\d+)$/;

const get = <T = unknown>(ctx: ILoadOptionsFunctions, path: string) =>
	flexyKeyApi(ctx).get(path) as Promise<T>;

const list = (value: unknown): IDataObject[] => (Array.isArray(value) ? (value as IDataObject[]) : []);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The unit picked in the `unit` field, fetched from the API; undefined while nothing usable is picked. */
async function currentUnit(ctx: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	const locator = ctx.getCurrentNodeParameter('unit') as INodeParameterResourceLocator | string | undefined;
	const mode = typeof locator === 'object' && locator !== null ? locator.mode : 'id';
	const raw = String((typeof locator === 'object' && locator !== null ? locator.value : locator) ?? '').trim();
	// An expression (or nothing yet) cannot be resolved while editing: offer nothing rather than guess.
	if (raw === '' || raw.startsWith('=') || !/^\d+$/.test(raw)) return undefined;
	if (mode === 'serialNumber') {
		const units = list(await get(ctx, '/Units'));
		const unit = units.find((candidate) => String(candidate.serialNumber) === raw);
		if (!unit) throw new NodeOperationError(ctx.getNode(), `No unit with serial number ${raw} is visible to this user`);
		return unit;
	}
	return get<IDataObject>(ctx, `/Units/${encodeURIComponent(raw)}`);
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

	/** Approved CHECK command types (`GET /RequestUnitInfoTypes` → `types`). */
	async getUnitInfoTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const catalog = await get<IDataObject>(this, '/RequestUnitInfoTypes');
		return (Array.isArray(catalog?.types) ? (catalog.types as unknown[]) : []).flatMap((type) => {
			const typeName = typeof type === 'string' ? type : text((type as IDataObject)?.typeName);
			if (!typeName) return [];
			const description = typeof type === 'object' ? text((type as IDataObject).description) : undefined;
			return [{ name: typeName, value: typeName, description }];
		});
	},

	/** Pre-built profiles (`GET /RequestUnitInfoTypes` → `profiles`), with the commands each runs. */
	async getUnitInfoProfiles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const catalog = await get<IDataObject>(this, '/RequestUnitInfoTypes');
		return (Array.isArray(catalog?.profiles) ? (catalog.profiles as unknown[]) : []).flatMap((entry) => {
			const profile = typeof entry === 'string' ? entry : text((entry as IDataObject)?.profile);
			if (!profile) return [];
			const details = typeof entry === 'object' ? (entry as IDataObject) : {};
			const commands = Array.isArray(details.typeNames) ? ` (${(details.typeNames as string[]).join(', ')})` : '';
			return [{ name: profile, value: profile, description: `${text(details.description) ?? 'Profile'}${commands}` }];
		});
	},

	/** Approved settings (`GET /UnitSettings/Definitions`). */
	async getSettingDefinitions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return list(await get(this, '/UnitSettings/Definitions')).flatMap((definition) => {
			const setting = text(definition.setting);
			return setting ? [{ name: setting, value: setting, description: text(definition.description) }] : [];
		});
	},

	/** Supported webhook events (`GET /Webhooks/Events`: names, or objects with a name). */
	async getWebhookEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const events = await get<unknown>(this, '/Webhooks/Events');
		return (Array.isArray(events) ? events : []).flatMap((event) => {
			const name = typeof event === 'string' ? event : text((event as IDataObject)?.event) ?? text((event as IDataObject)?.name);
			return name ? [{ name, value: name }] : [];
		});
	},

	/** Bookable objects of the user's company (`GET /BookingObjects`). */
	async getBookingObjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return list(await get(this, '/BookingObjects')).flatMap((object) => {
			if (object.bookingObjectId === undefined || object.bookingObjectId === null) return [];
			return [
				{
					name: `${text(object.name) ?? 'Booking object'} (${object.bookingObjectId})`,
					value: Number(object.bookingObjectId),
					description: text(object.description),
				},
			];
		});
	},
};
