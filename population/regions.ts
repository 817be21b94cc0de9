import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';

/**
 * Kemendagri region codes from the official lists shipped by idn-area-data (ODbL): every district
 * (kecamatan, "35.10.16") with its regency, every village (desa/kelurahan, "35.10.16.2001") with its
 * district, and the names of all four levels. Loaded once per process (the village list is ~84k rows).
 * The import stores the names with each family's address, so documents can print them without
 * shipping the region lists to every Lambda.
 */
export interface RegionCodes {
  /** district code -> regency code */
  readonly districts: ReadonlyMap<string, string>;
  /** village code -> district code */
  readonly villages: ReadonlyMap<string, string>;
  /** any code (province "35", regency "35.10", district, village) -> its official name */
  readonly names: ReadonlyMap<string, string>;
}

let loaded: Promise<RegionCodes> | undefined;

export function loadRegionCodes(): Promise<RegionCodes> {
  loaded ??= (async () => {
    const [provinces, regencies, districts, villages] = await Promise.all([getProvinces(), getRegencies(), getDistricts(), getVillages()]);
    const names = new Map<string, string>();
    for (const area of [...provinces, ...regencies, ...districts, ...villages]) names.set(area.code, area.name);
    return {
      districts: new Map(districts.map((d) => [d.code, d.regency_code])),
      villages: new Map(villages.map((v) => [v.code, v.district_code])),
      names,
    };
  })();
  return loaded;
}

/** The names of a family address's regions, for documents ("KABUPATEN BANYUWANGI", "JAWA TIMUR"). */
export function regionNamesOf(regions: RegionCodes, districtCode: string, villageCode?: string) {
  const [province, regency] = [districtCode.slice(0, 2), districtCode.slice(0, 5)];
  const villageName = villageCode ? regions.names.get(villageCode) : undefined;
  return {
    provinceName: regions.names.get(province) ?? province,
    regencyName: regions.names.get(regency) ?? regency,
    districtName: regions.names.get(districtCode) ?? districtCode,
    ...(villageName ? { villageName } : {}),
  };
}
