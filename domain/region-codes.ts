/**
 * Kemendagri region codes as written in the registry, cdk.json and exports: province.regency
 * (35.10), .district (35.10.16), .village (35.10.16.2001). A NIK's first six digits are the
 * district code without its dots.
 */
export const REGENCY_CODE = /^\d{2}\.\d{2}$/;
export const DISTRICT_CODE = /^\d{2}\.\d{2}\.\d{2}$/;
export const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
