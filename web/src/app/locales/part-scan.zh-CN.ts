// Scanning part and batch barcodes: the stock count and the engineer's parts card.
export const partScanZh = {
  placeholder: '扫码或输入备件编号、批次号，回车',
  partPlaceholder: '扫码或输入备件编号，回车',
  help: '备件条码即备件编号；批次条码即批次号；“备件编号*批次号”指定某一批次。每扫一次，盘点数加 1。',
  counted: '{{part}}（批次 {{batch}}）已盘：{{count}}',
  several: '{{code}} 对应多行（多个批次或状态），请直接填写数量，或扫“备件编号*批次号”',
  unknown: '没有找到“{{code}}”：不是本次盘点中的备件编号或批次号',
  picked: '已选择 {{part}}',
  notInVan: '没有找到“{{code}}”：车载库中没有这个有货的备件',
};
