import { requiredString } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { appliesToOne, postTool, syncStateField, syncStateValue } from './state';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

const one = { syncStateScope: ['one'] };

export const settings: FlexyKeyOperation = {
	properties: showFor('syncState', 'settings', [
		unitField(),
		{
			displayName: 'Apply To',
			name: 'syncStateScope',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All Approved Settings of the Unit', value: 'all' },
				{ name: 'One Setting', value: 'one' },
			],
		},
		{
			displayName: 'Setting Name or ID',
			name: 'syncStateSetting',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getSettingDefinitions' },
			required: true,
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'An approved setting, e.g. DefaultRelayPulse, WifiMode, WifiName or WifiPassword (Setting → Get Definitions)',
			displayOptions: { show: one },
		},
		{
			displayName: 'Params',
			name: 'syncStateParams',
			type: 'string',
			default: '',
			placeholder: 'R1',
			description: 'The setting\'s parameter, e.g. the relay for DefaultRelayPulse. Leave empty for a setting without one.',
			displayOptions: { show: one },
		},
		syncStateField(),
	]),
	async run(item) {
		const unitSyncState = syncStateValue(this, item);
		const body: Record<string, string | number> = { unitSyncState };
		if (appliesToOne(this, item)) {
			body.setting = requiredString(this, item, 'Setting', this.getNodeParameter('syncStateSetting', item.index));
			const params = String(this.getNodeParameter('syncStateParams', item.index, '') ?? '').trim();
			if (params !== '') body.params = params;
		}
		const unitId = await unitIdOf(this, item);
		return postTool(this, item, '/Tools/UnitSettingsSyncState', { unitId, ...body });
	},
};
