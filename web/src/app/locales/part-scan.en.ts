import type { partScanZh } from './part-scan.zh-CN.ts';

// Scanning part and batch barcodes: the stock count and the engineer's parts card.
export const partScanEn: typeof partScanZh = {
  placeholder: 'Scan or type a part number or batch code, then Enter',
  partPlaceholder: 'Scan or type a part number, then Enter',
  help: 'A part\'s barcode is its part number; a batch\'s is its batch code; "partNumber*batchCode" names one batch. Each scan adds 1 to the count.',
  counted: '{{part}} (batch {{batch}}) counted: {{count}}',
  several:
    '{{code}} matches several lines (batches or conditions): enter the quantity, or scan "partNumber*batchCode"',
  unknown: 'Nothing found for "{{code}}": not a part number or batch code in this count',
  picked: '{{part}} selected',
  notInVan: 'Nothing found for "{{code}}": no part in stock in your van has this number',
};
