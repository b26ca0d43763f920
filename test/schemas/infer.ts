/**
 * A JSON schema inferred from sample outputs, in the form n8n's own `__schema__` files use
 * (`{ type, properties, version }`, object properties, array `items`, `integer` for whole numbers,
 * a type list where samples disagree). Keys are sorted so a regenerated file differs only when an
 * output's shape changed.
 */
export interface JsonSchema {
	type: string | string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	version?: number;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

const typesOf = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : [schema.type]);

function sortedTypes(types: Iterable<string>): string | string[] {
	const unique = [...new Set(types)];
	// a whole number seen next to a fraction is a number
	const folded = unique.includes('number') ? unique.filter((type) => type !== 'integer') : unique;
	folded.sort();
	return folded.length === 1 ? folded[0] : folded;
}

/** The schema of one value. */
export function schemaOf(value: unknown): JsonSchema {
	const type = typeOf(value);
	if (type === 'object') {
		const properties: Record<string, JsonSchema> = {};
		for (const key of Object.keys(value as object).sort()) properties[key] = schemaOf((value as Record<string, unknown>)[key]);
		return { type, properties };
	}
	if (type === 'array') {
		const items = (value as unknown[]).map(schemaOf);
		return items.length === 0 ? { type } : { type, items: items.reduce(mergeSchemas) };
	}
	return { type };
}

/** One schema that admits what either admits: properties united, types listed. */
export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
	const merged: JsonSchema = { type: sortedTypes([...typesOf(a), ...typesOf(b)]) };
	if (a.properties || b.properties) {
		const keys = [...new Set([...Object.keys(a.properties ?? {}), ...Object.keys(b.properties ?? {})])].sort();
		merged.properties = {};
		for (const key of keys) {
			const left = a.properties?.[key];
			const right = b.properties?.[key];
			merged.properties[key] = left && right ? mergeSchemas(left, right) : (left ?? right)!;
		}
	}
	if (a.items || b.items) merged.items = a.items && b.items ? mergeSchemas(a.items, b.items) : (a.items ?? b.items);
	return merged;
}

/** The schema of a node's output items (each item's `json`), as n8n stores it: one item's shape. */
export function outputSchema(items: unknown[]): JsonSchema {
	if (items.length === 0) throw new Error('no output items to infer a schema from');
	return { ...items.map(schemaOf).reduce(mergeSchemas), version: 1 };
}
