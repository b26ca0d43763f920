import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';

/** `GET /RequestUnitInfoTypes`: the public command catalog (approved types and profiles), as one item. */
export const getTypes: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return flexyKeyApi(this, item).get('/RequestUnitInfoTypes');
	},
};
