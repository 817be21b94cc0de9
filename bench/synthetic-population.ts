/**
 * A registry export of `families` families in Banyuwangi's 25 districts: a father (head), a mother
 * (spouse) and two children each, valid NIKs unique per prefix, the same file for the same count.
 * Used by the import benchmark and the chain benchmark (one mother per benchmark birth).
 */
export const districts = Array.from({ length: 25 }, (_, i) => `35.10.${String(i + 1).padStart(2, '0')}`);
const serials = new Map<string, number>();

function nik(district: string, year: number, month: number, day: number, female: boolean): string {
  const prefix = `${district.replace(/\./g, '')}${String(female ? day + 40 : day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
  const serial = (serials.get(prefix) ?? 0) + 1;
  serials.set(prefix, serial);
  return `${prefix}${String(serial).padStart(4, '0')}`;
}

let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function person(district: string, yearFrom: number, yearTo: number, female: boolean, relationship: string) {
  const year = pick(yearFrom, yearTo);
  const month = pick(1, 12);
  const day = pick(1, 28);
  return {
    nik: nik(district, year, month, day, female),
    name: female ? 'Siti Contoh' : 'Budi Contoh',
    sex: female ? 'FEMALE' : 'MALE',
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    relationship,
  };
}

export function syntheticPopulation(families: number) {
  serials.clear();
  seed = 42;
  return {
    families: Array.from({ length: families }, (_, i) => {
      const district = districts[i % districts.length] as string;
      return {
        familyCardNumber: `${district.replace(/\./g, '')}${String(i).padStart(10, '0')}`,
        address: { districtCode: district, street: `Jl. Contoh No. ${i}` },
        members: [
          person(district, 1975, 1995, false, 'HEAD'),
          person(district, 1978, 1998, true, 'SPOUSE'),
          person(district, 2005, 2015, random() < 0.5, 'CHILD'),
          person(district, 2010, 2024, random() < 0.5, 'CHILD'),
        ],
      };
    }),
  };
}
