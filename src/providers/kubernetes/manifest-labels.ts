// Label keys and values, and the names of objects, as apimachinery's validation
// checks them (util/validation IsQualifiedName, IsValidLabelValue,
// IsDNS1123Subdomain), each message in its words: shared by every manifest
// check that reads labels or selectors.

export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  " +
  "or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. " +
  "'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** apimachinery validation ValidateLabels: each key a qualified name, each value a label value, in its words. */
export function validateLabels(labels: Record<string, string>, path: string, errs: string[]): void {
  for (const [k, v] of Object.entries(labels)) {
    validateLabelKey(k, path, errs);
    validateLabelValue(v, path, errs);
  }
}

/** ValidateLabelName (IsQualifiedName): a label key, its name part and its prefix, its problems at `path`. */
export function validateLabelKey(key: string, path: string, errs: string[]): void {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) errs.push(`${path}: Invalid value: ${JSON.stringify(key)}: ${NAME_PART_MSG}`);
  else if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)))
    errs.push(`${path}: Invalid value: ${JSON.stringify(key)}: prefix part ${SUBDOMAIN_MSG}`);
}

/** IsValidLabelValue: a label's value, or a selector requirement's. */
export function validateLabelValue(value: string, path: string, errs: string[]): void {
  if (value.length > 63) errs.push(`${path}: Invalid value: ${JSON.stringify(value)}: must be no more than 63 characters`);
  else if (!LABEL_VALUE.test(value)) errs.push(`${path}: Invalid value: ${JSON.stringify(value)}: ${LABEL_VALUE_MSG}`);
}
