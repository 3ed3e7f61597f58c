import type { CatalogPart } from './catalog';

/** English: configuration, database, devices, input checks, CSV import and usage history. */
export const ledgerEn = {
  'config.invalid': 'The configuration is invalid:\n{problems}',
  'db.unavailable': 'Cannot connect to the database ({uri}): {reason}',
  'db.emulatorWarning':
    'Warning: using the embedded MongoDB emulator; data is in memory only and is lost when it stops (set MONGODB_URI to keep it).',
  'db.embeddedPortTaken':
    'Cannot start the embedded database on port {port} ({reason}: another program is using it, or it cannot be opened). Set DAICHO_EMBEDDED_PORT to a free port, or unset it to use any free port.',
  'device.notFound': 'No device "{id}" (give an asset number, serial number or UUID).',
  'device.ambiguous': 'Several devices match "{id}" ({matches}); use the asset number.',
  'device.duplicateAssetNumber':
    'Asset number "{assetNumber}" is already in use; choose another. Nothing was changed.',
  'device.deleteSynced':
    'Device "{assetNumber}" is synced with {provider} and cannot be deleted. Delete it in {provider} or unlink the master integration first. If it is a duplicate, delete the device that was in the ledger originally and keep the one imported from {provider} (usage history can be moved by CSV).',
  'device.deleted': 'Deleted device "{assetNumber}".',
  'device.updated':
    'Updated device "{assetNumber}" ({count, plural, one {# field} other {# fields}}).',
  'device.unchanged': 'Device "{assetNumber}" is unchanged.',
  'edit.noFields': 'Name the fields to change (e.g. --user "Taro Yamada" --status in-use).',
  'edit.mdmOnly': '"{field}" comes from the MDM and cannot be edited.',
  'edit.assetNumberEmpty': 'The asset number cannot be empty.',
  'input.unknownField': 'unknown field "{field}"',
  'input.notText': '"{field}" must be text',
  'input.tooLong':
    '"{field}" must be at most {max, plural, one {# character} other {# characters}}',
  'input.columnCount':
    'the row has {got, plural, one {# cell} other {# cells}} but the header has {expected}',
  'input.badDate': '"{field}" is not a valid date: "{value}" (YYYY-MM-DD)',
  'input.disposalBeforeProcurement': 'disposal date ({to}) is before procurement date ({from})',
  'input.duplicateInFile':
    'asset number "{assetNumber}" appears twice in the file (as on line {line})',
  'import.badFile': 'Cannot read "{file}": {reason}',
  'import.rowProblem': 'line {line}: {reasons}',
  'import.rejected':
    '{count, plural, one {# row is} other {# rows are}} invalid, so nothing was written. Fix them, or use --skip-invalid to import only the valid rows.',
  'import.done':
    'Imported: {created} added, {updated} updated, {unchanged} unchanged, {skipped} skipped.',
  'import.kept':
    'Kept the existing value of {count, plural, one {# field whose cell was} other {# fields whose cells were}} empty. To empty them, import again with --clear-empty (--dry-run --clear-empty shows which).',
  'import.preview.add': 'line {line}: add {assetNumber}',
  'import.preview.change': 'line {line}: change {assetNumber}',
  'import.preview.unchanged': 'line {line}: unchanged {assetNumber}',
  'import.preview.nextSys': '(next SYS number)',
  'import.preview.field': '  {field}: {from} → {to}',
  'import.preview.cleared': '  {field}: {from} → (empty)',
  'import.preview.keptEmpty': '  {field}: {from} (empty cell: kept; --clear-empty would clear it)',
  'import.preview.empty': '(empty)',
  'import.preview.summary':
    'Dry run, nothing written: {add} to add, {change} to change, {unchanged} unchanged, {invalid} invalid; {cleared, plural, one {# field} other {# fields}} to clear, {keptEmpty} kept although their cells are empty.',
  'import.empty': 'The file has no data rows.',
  'import.tooLarge':
    'Cannot import "{file}": it is {size} MB, and an import file may be at most {max} MB. Split it into smaller files. Nothing was written.',
  'import.tooManyColumns':
    '"{file}" line 1: the header has {count, plural, one {# column} other {# columns}}, and an import file may have at most {max}. Is it the right file? Nothing was written.',
  'import.tooManyKeys':
    '"{file}" record {record}: it has {count, plural, one {# field} other {# fields}}, and an import file may have at most {max}. Is it the right file? Nothing was written.',
  'import.duplicateColumn':
    '"{file}" line 1: column {first} "{a}" and column {second} "{b}" are the same field ({field}); keep only one of them. Nothing was written.',
  'import.duplicateKey':
    '"{file}" record {record}: "{a}" and "{b}" are the same field ({field}); keep only one of them. Nothing was written.',
  'import.undecodable':
    'Cannot read "{file}": it is not text in any of the encodings tried ({tried}). Save it as UTF-8 (in Excel: "CSV UTF-8"), or name its encoding with --encoding ({choices}). Nothing was written.',
  'import.encodingUnsure':
    'Cannot tell the encoding of "{file}" for sure (tried {tried}): it reads as {candidates}, and a wrong guess would import garbled text. Name it with --encoding, e.g. --encoding {suggest} (one of {choices}), or save the file as UTF-8. Nothing was written.',
  'import.notInEncoding':
    'Cannot read "{file}" as {encoding}: line {line} has bytes that are not {encoding}. Check the file\'s encoding and name it with --encoding ({choices}). Nothing was written.',
  'import.moreProblems':
    '… and {count, plural, one {# more problem} other {# more problems}}; --json lists them all.',
  'import.moreUnknownFields':
    'and {count, plural, one {# more unknown field} other {# more unknown fields}}',
  'usage.unknownDevice': 'no device with asset number "{assetNumber}" in the ledger',
  'usage.missingUser': 'user is missing',
  'usage.badFrom': '"from" is not a valid date',
  'usage.badTo': '"to" is not a valid date',
  'usage.toBeforeFrom': '"to" is before "from"',
  'usage.done': 'Usage history imported: {created} added, {updated} updated, {skipped} skipped.',
} satisfies CatalogPart;
