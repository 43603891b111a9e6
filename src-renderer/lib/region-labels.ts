import type { Language } from '../../src-main/contract/index.js';

/**
 * Regions as the Tencent Cloud console names them, in both languages, for every region a profile can
 * default to (`regionIds` in the contract). A region the app does not know shows as its code.
 */
const names: Record<string, Record<Language, string>> = {
  'ap-guangzhou': { 'zh-CN': '华南地区（广州）', en: 'South China (Guangzhou)' },
  'ap-shanghai': { 'zh-CN': '华东地区（上海）', en: 'East China (Shanghai)' },
  'ap-nanjing': { 'zh-CN': '华东地区（南京）', en: 'East China (Nanjing)' },
  'ap-beijing': { 'zh-CN': '华北地区（北京）', en: 'North China (Beijing)' },
  'ap-chengdu': { 'zh-CN': '西南地区（成都）', en: 'Southwest China (Chengdu)' },
  'ap-chongqing': { 'zh-CN': '西南地区（重庆）', en: 'Southwest China (Chongqing)' },
  'ap-hongkong': { 'zh-CN': '港澳台地区（中国香港）', en: 'Hong Kong' },
  'ap-singapore': { 'zh-CN': '亚太东南（新加坡）', en: 'Southeast Asia (Singapore)' },
  'ap-bangkok': { 'zh-CN': '亚太东南（曼谷）', en: 'Southeast Asia (Bangkok)' },
  'ap-jakarta': { 'zh-CN': '亚太东南（雅加达）', en: 'Southeast Asia (Jakarta)' },
  'ap-seoul': { 'zh-CN': '亚太东北（首尔）', en: 'Northeast Asia (Seoul)' },
  'ap-tokyo': { 'zh-CN': '亚太东北（东京）', en: 'Northeast Asia (Tokyo)' },
  'ap-mumbai': { 'zh-CN': '亚太南部（孟买）', en: 'South Asia (Mumbai)' },
  'na-siliconvalley': { 'zh-CN': '美国西部（硅谷）', en: 'West US (Silicon Valley)' },
  'na-ashburn': { 'zh-CN': '美国东部（弗吉尼亚）', en: 'East US (Virginia)' },
  'eu-frankfurt': { 'zh-CN': '欧洲地区（法兰克福）', en: 'Europe (Frankfurt)' },
  'sa-saopaulo': { 'zh-CN': '南美地区（圣保罗）', en: 'South America (São Paulo)' },
};

/** The region's name in `language`, or undefined for a region the app does not know. */
export function regionName(code: string, language: Language): string | undefined {
  return names[code]?.[language];
}

/** The name to show for a region: its console name, or its code when it has none. */
export function regionLabel(code: string, language: Language): string {
  return regionName(code, language) ?? code;
}

/** Every region the app has names for. */
export const namedRegions: readonly string[] = Object.keys(names);
