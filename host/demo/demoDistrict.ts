import { v7 as uuidv7 } from 'uuid';
import type { GridCell, IncidentStatus, MethodParamsParsed, Unit } from '../../contract';
import type { HostContext } from '../context';
import type { IncidentService } from '../incidents/service';

/**
 * A synthetic district near 36.50 N, 103.68 E: one street, two communities, eight grids and four compounds,
 * eight units and a dozen incidents across categories and states. Every record is marked demo.
 */
const STREET = { w: 103.66, e: 103.7, s: 36.49, n: 36.51 };

function rect(w: number, s: number, e: number, n: number): GridCell['geometry'] {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  // RFC 7946: exterior rings counter-clockwise.
  return {
    type: 'Polygon',
    coordinates: [
      [
        [r(w), r(s)],
        [r(e), r(s)],
        [r(e), r(n)],
        [r(w), r(n)],
        [r(w), r(s)],
      ],
    ],
  };
}

export function demoGridCells(): GridCell[] {
  const cells: GridCell[] = [
    {
      code: 'ST01',
      level: 'street',
      name: '示范街道',
      parentCode: null,
      geometry: rect(STREET.w, STREET.s, STREET.e, STREET.n),
      responsibleUnits: [],
      isDemo: true,
    },
    {
      code: 'CM01',
      level: 'community',
      name: '东岗社区',
      parentCode: 'ST01',
      geometry: rect(103.66, 36.49, 103.68, 36.51),
      responsibleUnits: [],
      isDemo: true,
    },
    {
      code: 'CM02',
      level: 'community',
      name: '雁滩社区',
      parentCode: 'ST01',
      geometry: rect(103.68, 36.49, 103.7, 36.51),
      responsibleUnits: [],
      isDemo: true,
    },
  ];
  let n = 1;
  for (const [community, w0] of [
    ['CM01', 103.66],
    ['CM02', 103.68],
  ] as const) {
    for (const s0 of [36.49, 36.5]) {
      for (const dw of [0, 0.01]) {
        const code = `GR0${n}`;
        cells.push({
          code,
          level: 'grid',
          name: `第${n}网格`,
          parentCode: community,
          geometry: rect(w0 + dw, s0, w0 + dw + 0.01, s0 + 0.01),
          responsibleUnits: [],
          isDemo: true,
        });
        n++;
      }
    }
  }
  const compounds: [string, string, string][] = [
    ['CP01', '东岗小区', 'GR01'],
    ['CP02', '阳光家园', 'GR03'],
    ['CP03', '滨河花园', 'GR05'],
    ['CP04', '雁园小区', 'GR08'],
  ];
  for (const [code, name, parent] of compounds) {
    const g = cells.find((c) => c.code === parent)!.geometry.coordinates[0]!;
    const [w, s] = g[0]!;
    cells.push({
      code,
      level: 'compound',
      name,
      parentCode: parent,
      geometry: rect(w + 0.002, s + 0.002, w + 0.006, s + 0.005),
      responsibleUnits: [],
      isDemo: true,
    });
  }
  return cells;
}

function demoUnits(now: number): Unit[] {
  const u = (
    kind: Unit['kind'],
    name: string,
    homeGrid: string | null,
    lon: number,
    lat: number,
    extra: Partial<Unit> = {},
  ): Unit => ({
    id: uuidv7(),
    kind,
    name,
    callsign: '',
    sipUri: '',
    status: 'available',
    homeGrid,
    position: { lon, lat },
    positionAt: now - 60_000,
    positionSource: 'demo',
    isDemo: true,
    ...extra,
  });
  return [
    u('grid_worker', '网格员 张伟', 'GR01', 103.664, 36.494, { sipUri: 'sip:1001@fengsui.local' }),
    u('grid_worker', '网格员 李娜', 'GR02', 103.675, 36.496, { sipUri: 'sip:1002@fengsui.local' }),
    u('grid_worker', '网格员 王强', 'GR05', 103.684, 36.493, {
      sipUri: 'sip:1003@fengsui.local',
      status: 'busy',
    }),
    u('grid_worker', '网格员 刘洋', 'GR07', 103.686, 36.505, { sipUri: 'sip:1004@fengsui.local' }),
    u('patrol_team', '巡逻一队', 'CM01', 103.672, 36.503, { callsign: 'BH4ABC-7' }),
    u('vehicle', '执法车 甘A·1234', 'ST01', 103.69, 36.498, { callsign: 'BH4ABC-9' }),
    u('drone', '无人机 UAV-01', 'ST01', 103.68, 36.5, { positionSource: 'mavlink' }),
    u('radio', '对讲机 7 号', 'CM02', 103.695, 36.507, { callsign: 'BH4XYZ-7', positionAt: now - 3_600_000 }),
  ];
}

type DemoIncident = MethodParamsParsed<'incident.create'> & { minutesAgo: number; path: IncidentStatus[] };

const INCIDENTS: DemoIncident[] = [
  {
    category: 'fire_safety',
    priority: 'P1',
    source: 'drone_patrol',
    location: { lon: 103.6655, lat: 36.4945 },
    address: '东岗小区 3 号楼北侧',
    description: '无人机巡查发现楼道堆放杂物并有烟雾',
    reporter: '无人机 UAV-01',
    isDrill: false,
    minutesAgo: 6,
    path: [],
  },
  {
    category: 'emergency',
    priority: 'P1',
    source: 'resident_call',
    location: { lon: 103.6868, lat: 36.5062 },
    address: '雁滩路与滨河路交叉口',
    description: '两车相撞，一人受伤，需要急救',
    reporter: '市民 王先生',
    isDrill: false,
    minutesAgo: 14,
    path: ['accepted', 'dispatched'],
  },
  {
    category: 'illegal_parking',
    priority: 'P3',
    source: 'grid_worker',
    location: { lon: 103.6731, lat: 36.4962 },
    address: '东岗西路 88 号消防通道',
    description: '私家车占用消防通道',
    reporter: '网格员 李娜',
    isDrill: false,
    minutesAgo: 32,
    path: ['accepted'],
  },
  {
    category: 'mobile_vendor',
    priority: 'P4',
    source: 'video',
    location: { lon: 103.6912, lat: 36.4978 },
    address: '雁园市场东门',
    description: '流动摊贩占道经营',
    reporter: '视频巡查',
    isDrill: false,
    minutesAgo: 47,
    path: [],
  },
  {
    category: 'lake_water',
    priority: 'P2',
    source: 'drone_patrol',
    location: { lon: 103.6975, lat: 36.5021 },
    address: '雁滩湿地公园湖边',
    description: '无人机发现有人在禁止游泳区域下水',
    reporter: '无人机 UAV-01',
    isDrill: false,
    minutesAgo: 21,
    path: ['accepted', 'dispatched', 'en_route'],
  },
  {
    category: 'garbage_sorting',
    priority: 'P4',
    source: 'grid_worker',
    location: { lon: 103.6841, lat: 36.4936 },
    address: '滨河花园 5 号垃圾房',
    description: '垃圾未分类投放，桶满溢出',
    reporter: '网格员 王强',
    isDrill: false,
    minutesAgo: 95,
    path: ['accepted', 'dispatched', 'on_scene', 'resolved'],
  },
  {
    category: 'shop_operation',
    priority: 'P3',
    source: 'hotline',
    location: { lon: 103.6627, lat: 36.5043 },
    address: '东岗东路 12 号',
    description: '餐馆店外摆桌占用人行道',
    reporter: '12345 热线',
    isDrill: false,
    minutesAgo: 130,
    path: ['accepted', 'dispatched', 'on_scene', 'resolved', 'closed'],
  },
  {
    category: 'public_security',
    priority: 'P2',
    source: 'radio',
    location: { lon: 103.6787, lat: 36.5084 },
    address: '阳光家园南门',
    description: '有人在小区门口发生争执',
    reporter: '巡逻一队',
    isDrill: false,
    minutesAgo: 9,
    path: ['accepted'],
  },
  {
    category: 'epidemic_control',
    priority: 'P3',
    source: 'sensor',
    location: { lon: 103.6703, lat: 36.4918 },
    address: '东岗社区卫生服务站',
    description: '体温监测点报警次数异常',
    reporter: '监测终端 T-03',
    isDrill: false,
    minutesAgo: 58,
    path: [],
  },
  {
    category: 'fire_safety',
    priority: 'P2',
    source: 'drone_patrol',
    location: { lon: 103.6898, lat: 36.5093 },
    address: '雁滩北路仓库',
    description: '无人机热成像发现屋顶温度异常',
    reporter: '无人机 UAV-01',
    isDrill: false,
    minutesAgo: 3,
    path: [],
  },
  {
    category: 'illegal_parking',
    priority: 'P4',
    source: 'grid_worker',
    location: { lon: 103.6948, lat: 36.4921 },
    address: '雁园小区地库入口',
    description: '车辆长期占用出入口',
    reporter: '网格员 刘洋',
    isDrill: false,
    minutesAgo: 240,
    path: ['cancelled'],
  },
  {
    category: 'other',
    priority: 'P3',
    source: 'other',
    location: { lon: 103.7105, lat: 36.4885 },
    address: '辖区外 东侧',
    description: '群众反映路灯损坏（位置在辖区外）',
    reporter: '市民',
    isDrill: false,
    minutesAgo: 75,
    path: [],
  },
];

export function loadDemoDistrict(
  ctx: HostContext,
  incidents: IncidentService,
  onGridChanged: () => void,
): void {
  const now = ctx.now();
  ctx.store.transaction(() => {
    for (const cell of demoGridCells()) ctx.store.reference.insertGridCell(cell);
    for (const unit of demoUnits(now)) ctx.store.reference.insertUnit(unit);
    ctx.store.setMeta('demo_loaded_at', String(now));
  });
  onGridChanged();
  for (const { minutesAgo, path, ...input } of INCIDENTS) {
    const created = incidents.create(input, { isDemo: true, createdAt: now - minutesAgo * 60_000 });
    for (const status of path) incidents.setStatus({ id: created.id, status });
  }
}
