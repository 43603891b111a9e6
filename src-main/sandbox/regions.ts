// TCR Enterprise regions with the numeric ids the cloud uses (DescribeRegions, DestinationRegionId).

export interface SandboxRegion {
  id: number;
  name: string;
  alias: string;
  remark: string;
}

export const sandboxRegions: readonly SandboxRegion[] = [
  { id: 1, name: 'ap-guangzhou', alias: 'gz', remark: '华南地区(广州)' },
  { id: 4, name: 'ap-shanghai', alias: 'sh', remark: '华东地区(上海)' },
  { id: 5, name: 'ap-hongkong', alias: 'hk', remark: '港澳台地区(中国香港)' },
  { id: 8, name: 'ap-beijing', alias: 'bj', remark: '华北地区(北京)' },
  { id: 9, name: 'ap-singapore', alias: 'sg', remark: '亚太东南(新加坡)' },
  { id: 15, name: 'na-siliconvalley', alias: 'usw', remark: '美国西部(硅谷)' },
  { id: 16, name: 'ap-chengdu', alias: 'cd', remark: '西南地区(成都)' },
  { id: 17, name: 'eu-frankfurt', alias: 'de', remark: '欧洲地区(法兰克福)' },
  { id: 18, name: 'ap-seoul', alias: 'kr', remark: '亚太东北(首尔)' },
  { id: 19, name: 'ap-chongqing', alias: 'cq', remark: '西南地区(重庆)' },
  { id: 21, name: 'ap-mumbai', alias: 'in', remark: '亚太南部(孟买)' },
  { id: 22, name: 'na-ashburn', alias: 'use', remark: '美国东部(弗吉尼亚)' },
  { id: 23, name: 'ap-bangkok', alias: 'th', remark: '亚太东南(曼谷)' },
  { id: 25, name: 'ap-tokyo', alias: 'jp', remark: '亚太东北(东京)' },
  { id: 33, name: 'ap-nanjing', alias: 'nj', remark: '华东地区(南京)' },
  { id: 72, name: 'ap-jakarta', alias: 'jkt', remark: '亚太东南(雅加达)' },
  { id: 74, name: 'sa-saopaulo', alias: 'sao', remark: '南美地区(圣保罗)' },
];

export function regionByName(name: string): SandboxRegion | undefined {
  return sandboxRegions.find((r) => r.name === name);
}
