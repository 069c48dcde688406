// Writes the import bench's workbook (as Excel writes one: shared strings, one sheet) in its own
// process, so that the bench's memory figures start from a process that has not built it:
// node --import tsx bench/import-workbook.ts <file> <rows> <project codes,…> <models,…>
import ExcelJS from 'exceljs';

const WORDS = ['太阳能路灯杆', 'LED灯头', '驱动电源', '冷水机组', '水泵', '配电柜', '风机盘管', '控制器'];

const [file, rowsArg, projectsArg, modelsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const projectCodes = projectsArg!.split(',');
const models = modelsArg!.split(',');
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
const sheet = wb.addWorksheet('assets');
sheet.addRow(['项目编码', '产品型号', '序列号', '设备名称', '安装位置', '验收日期']).commit();
for (let i = 0; i < rows; i++) {
  sheet
    .addRow([
      projectCodes[i % projectCodes.length],
      models[i % models.length],
      `SN-${String(i).padStart(7, '0')}`,
      `${WORDS[i % WORDS.length]} ${i}`,
      `${(i % 97) + 1}号位置`,
      '2025-06-01',
    ])
    .commit();
}
sheet.commit();
await wb.commit();
