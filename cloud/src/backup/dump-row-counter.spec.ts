import { DumpRowCounter } from './dump-row-counter.js';

const DUMP = [
  '-- MariaDB dump 10.19',
  '/*!40101 SET NAMES utf8mb4 */;',
  'DROP TABLE IF EXISTS `concern`;',
  'CREATE TABLE `concern` (',
  "  `title` varchar(200) NOT NULL COMMENT 'INSERT INTO `x` VALUES (1)',",
  '  PRIMARY KEY (`id`)',
  ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
  'CREATE TABLE `empty` (',
  '  `id` int(11) NOT NULL',
  ');',
  'CREATE TABLE `odd``name` (',
  '  `id` int(11) NOT NULL',
  ');',
  'LOCK TABLES `concern` WRITE;',
  "INSERT INTO `concern` VALUES (1,'楼道(堆物)','it\\'s \\\\',NULL,0x28),(2,'a),(b','line\\nbreak',NULL,0x29),(3,'',''),((4),'x','y');",
  "INSERT INTO `concern` VALUES (5,'(','(');",
  'INSERT INTO `concern` VALUES',
  "(6,'a;b','(\\\\'),",
  "(7,'',';');",
  'UNLOCK TABLES;',
  'INSERT INTO `odd``name` VALUES (1),(2);',
  '-- Dump completed on 2026-05-01 10:00:00',
  '',
].join('\n');

describe(DumpRowCounter.name, () => {
  it('counts the rows of each table on one line (MySQL) or one row per line (MariaDB), strings with brackets, quotes, escapes and semicolons included, and tables without rows as 0', () => {
    const sut = new DumpRowCounter();
    sut.scan(Buffer.from(DUMP));

    expect(Object.fromEntries(sut.rows)).toEqual({ concern: 7, empty: 0, 'odd`name': 2 });
  });

  it('counts the same whatever the chunks the dump arrives in', () => {
    const bytes = Buffer.from(DUMP);
    for (const size of [1, 2, 3, 7, 64]) {
      const sut = new DumpRowCounter();
      for (let at = 0; at < bytes.length; at += size) sut.scan(bytes.subarray(at, at + size));
      expect(Object.fromEntries(sut.rows)).toEqual({ concern: 7, empty: 0, 'odd`name': 2 });
    }
  });
});
