/**
 * Demo identities seeded into the simulator. Tests, examples, `npm start` and the README use these;
 * they are not secrets (they open nothing but the local simulator).
 */
export const flexyKeyUsers = {
	/** API-enabled user of the company that owns every demo unit and booking object. */
	demo: { username: 'demo@flexykey.test', password: 'demo-password', company: 'Demo Property AB' },
	/** User of another company: gets the access error (403) on the demo units and booking objects. */
	other: { username: 'other@flexykey.test', password: 'other-password', company: 'Other Company AB' },
} as const;

export const flexUnlockKeys = {
	reseller: { key: 'fu_reseller_demo_key', plan: 'Reseller', perMinute: 60, perDay: 1_000 },
	distributor: { key: 'fu_distributor_demo_key', plan: 'Distributor', perMinute: 300, perDay: 10_000 },
	bigSeller: { key: 'fu_bigseller_demo_key', plan: 'BIG Seller', perMinute: 3_000, perDay: 1_000_000 },
} as const;

export const cekSafeKeys = {
	/** Below the Growth tier: every call answers 403 TIER_REQUIRED. */
	starter: { key: 'cs_starter_demo_key', tier: 'Starter', perMinute: 100 },
	growth: { key: 'cs_growth_demo_key', tier: 'Growth', perMinute: 500 },
	pro: { key: 'cs_pro_demo_key', tier: 'Pro', perMinute: 1_000 },
} as const;
