import { getDistricts, getVillages } from 'idn-area-data';

/**
 * Kemendagri region codes from the official lists shipped by idn-area-data (ODbL): every district
 * (kecamatan, "35.10.16") with its regency, every village (desa/kelurahan, "35.10.16.2001") with its
 * district. Loaded once per process (the village list is ~84k rows).
 */
export interface RegionCodes {
  /** district code -> regency code */
  readonly districts: ReadonlyMap<string, string>;
  /** village code -> district code */
  readonly villages: ReadonlyMap<string, string>;
}

let loaded: Promise<RegionCodes> | undefined;

export function loadRegionCodes(): Promise<RegionCodes> {
  loaded ??= (async () => {
    const [districts, villages] = await Promise.all([getDistricts(), getVillages()]);
    return {
      districts: new Map(districts.map((d) => [d.code, d.regency_code])),
      villages: new Map(villages.map((v) => [v.code, v.district_code])),
    };
  })();
  return loaded;
}
