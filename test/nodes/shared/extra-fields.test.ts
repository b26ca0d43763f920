/** One extra-body-fields option: every JSON body option of every action node has the same name and text. */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { CekSafe } from '../../../nodes/CekSafe/CekSafe.node';
import { FlexUnlock } from '../../../nodes/FlexUnlock/FlexUnlock.node';
import { FlexyKey } from '../../../nodes/FlexyKey/FlexyKey.node';
import { EXTRA_FIELDS_DISPLAY_NAME, extraFieldsOption } from '../../../nodes/shared/extra-fields';

type Option = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every property, collection option included, as `[node, path, property]`. */
function allProperties(node: string, properties: Option[], path = ''): Array<[string, string, INodeProperties]> {
	return properties.flatMap((property) => {
		if (!('type' in property) || !('name' in property)) return [];
		const here = `${path}${property.name}`;
		const nested = (property.options ?? []) as Option[];
		return [[node, here, property] as [string, string, INodeProperties], ...allProperties(node, nested, `${here}.`)];
	});
}

const nodes: Array<[string, INodeType]> = [
	['FlexyKey', new FlexyKey()],
	['FlexUnlock', new FlexUnlock()],
	['CekSafe', new CekSafe()],
];
const jsonOptions = nodes.flatMap(([name, node]) => allProperties(name, node.description.properties)).filter(([, , property]) => property.type === 'json');

test('the JSON body options are those of bookings (2), ID entries (3: create, update, grant), orders (2) and webhooks (1)', () => {
	const where = jsonOptions.map(([node, path]) => `${node} ${path}`);
	expect(where).toHaveLength(8);
	expect(where.filter((line) => line.endsWith('customFields'))).toEqual(['FlexyKey additionalFields.customFields', 'FlexyKey updateFields.customFields']);
	expect(where.filter((line) => line.startsWith('FlexUnlock'))).toHaveLength(3);
});

/** A property without its display condition, which depends on where it is shown. */
const withoutCondition = (property: INodeProperties) => ({ ...property, displayOptions: undefined });

test.each(jsonOptions)('%s %s: one display name, one description, default {}', (_node, _path, property) => {
	expect(property.displayName).toBe(EXTRA_FIELDS_DISPLAY_NAME);
	expect(['extraFields', 'customFields']).toContain(property.name);
	expect(withoutCondition(property)).toEqual(withoutCondition(extraFieldsOption(property.name) as INodeProperties));
});
