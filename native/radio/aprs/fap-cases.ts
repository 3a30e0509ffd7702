/**
 * The assertions of Ham::APRS::FAP's test scripts (../shared/data/aprs/fap-t/*.t), transcribed as tables:
 * packet → expected fields. A string with a decimal point is compared after formatting our number with the
 * same number of decimals (FAP's tests use sprintf); `null` means the field must be absent.
 */
import type { AprsErrorCode, AprsPacket } from './types';

export type Expected = Partial<Record<string, string | number | boolean | null | readonly unknown[]>>;

export interface FapCase {
  file: string;
  name: string;
  packet: string;
  options?: { acceptBrokenMice?: boolean };
  ok: boolean;
  code?: AprsErrorCode;
  expect: Expected;
}

export type FieldOf = keyof AprsPacket;

const hex = (h: string): string => Buffer.from(h, 'hex').toString('latin1');

const msgIds = ['1', '42', '10512', 'a', '1Ff84', 'F00b4'];
const msgHead = 'OH7AA-1>APRS,WIDE1-1,WIDE2-2,qAo,OH7AA::OH7LZB   :';
const messageCases: FapCase[] = msgIds.flatMap((id) => [
  {
    file: '51decode-msg.t',
    name: `message with id ${id}`,
    packet: `${msgHead}Testing, 1 2 3{${id}`,
    ok: true,
    expect: {
      type: 'message',
      destination: 'OH7LZB',
      messageId: id,
      message: 'Testing, 1 2 3',
      messageAck: null,
    },
  },
  {
    file: '51decode-msg.t',
    name: `replyack without ack id, id ${id}`,
    packet: `${msgHead}Testing, 1 2 3{${id}}`,
    ok: true,
    expect: { type: 'message', destination: 'OH7LZB', messageId: id, messageAck: '' },
  },
  {
    file: '51decode-msg.t',
    name: `replyack f001, id ${id}`,
    packet: `${msgHead}Testing, 1 2 3{${id}}f001`,
    ok: true,
    expect: { type: 'message', destination: 'OH7LZB', messageId: id, messageAck: 'f001' },
  },
  {
    file: '51decode-msg.t',
    name: `ack ${id}`,
    packet: `${msgHead}ack${id}`,
    ok: true,
    expect: { type: 'message', destination: 'OH7LZB', messageAck: id },
  },
  {
    file: '51decode-msg.t',
    name: `rej ${id}`,
    packet: `${msgHead}rej${id}`,
    ok: true,
    expect: { type: 'message', destination: 'OH7LZB', messageRej: id },
  },
]);

const phgComment = 'RELAY,WIDE, OH2AP Jarvenpaa';
const oh2rdp = 'OH2RDP-1>BEACON-15,OH2RDG*,WIDE';
const mice2 = 'OH7LZB-2>TQ4W2V,WIDE2-1,qAo,OH7LZB:`c51!f?>/';

export const FAP_CASES: FapCase[] = [
  // 10badpacket.t
  {
    file: '10badpacket.t',
    name: 'corrupted uncompressed position',
    packet: `${oh2rdp}:!60ff.51N/0250akh3r99hfae`,
    ok: false,
    code: 'loc_inv',
    expect: {
      type: 'location',
      srcCallsign: 'OH2RDP-1',
      dstCallsign: 'BEACON-15',
      latitude: null,
      longitude: null,
    },
  },
  {
    file: '10badpacket.t',
    name: 'bad source callsign',
    packet:
      'K6IFR_S>APJS10,TCPIP*,qAC,K6IFR-BS:;K6IFR B *250300z3351.79ND11626.40WaRNG0040 440 Voice 447.140 -5.00 Mhz',
    ok: false,
    code: 'srccall_badchars',
    expect: { type: null },
  },
  {
    file: '10badpacket.t',
    name: 'bad digipeater callsign',
    packet: 'SV2BRF-6>APU25N,TCPXX*,qAX,SZ8L_GREE:=/:$U#T<:G- BVagelis, qrv:434.350, tsq:77 {UIV32N}',
    ok: false,
    code: 'digicall_badchars',
    expect: { type: null },
  },
  {
    file: '10badpacket.t',
    name: 'bad symbol table',
    packet: 'ASDF>DSALK,OH2RDG*,WIDE:!6028.51N,02505.68E#',
    ok: false,
    code: 'sym_inv_table',
    expect: {},
  },
  {
    file: '10badpacket.t',
    name: 'unsupported experimental',
    packet: 'ASDF>DSALK,OH2RDG*,WIDE:{{ unsupported experimental format',
    ok: false,
    code: 'exp_unsupp',
    expect: {},
  },

  // 20decode-uncompressed.t
  {
    file: '20decode-uncompressed.t',
    name: 'northeast with PHG',
    packet: `${oh2rdp}:!6028.51N/02505.68E#PHG7220/${phgComment}`,
    ok: true,
    expect: {
      format: 'uncompressed',
      srcCallsign: 'OH2RDP-1',
      dstCallsign: 'BEACON-15',
      latitude: '60.4752',
      longitude: '25.0947',
      posResolution: '18.52',
      phg: '7220',
      comment: phgComment,
      digipeaters: [
        { call: 'OH2RDG', wasDigied: true },
        { call: 'WIDE', wasDigied: false },
      ],
    },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'southwest',
    packet: `${oh2rdp}:!6028.51S/02505.68W#PHG7220${phgComment}`,
    ok: true,
    expect: { latitude: '-60.4752', longitude: '-25.0947', posResolution: '18.52' },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'ambiguity 3',
    packet: `${oh2rdp}:!602 .  S/0250 .  W#PHG7220${phgComment}`,
    ok: true,
    expect: { latitude: '-60.4167', longitude: '-25.0833', posAmbiguity: 3, posResolution: 18520 },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'ambiguity 4',
    packet: `${oh2rdp}:!60  .  S/025  .  W#PHG7220${phgComment}`,
    ok: true,
    expect: { latitude: '-60.5000', longitude: '-25.5000', posAmbiguity: 4, posResolution: 111120 },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'last-resort ! position',
    packet: `${oh2rdp}:hoponassualku!6028.51S/02505.68W#PHG7220${phgComment}`,
    ok: true,
    expect: { latitude: '-60.4752', longitude: '-25.0947', posResolution: '18.52', comment: phgComment },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'weather symbol with a plain comment (comment dropped)',
    packet: 'A0RID-1>KC0PID-7,WIDE1,qAR,NX0R-6:=3851.38N/09908.75W_Home of KA0RID',
    ok: true,
    expect: { latitude: '38.8563', longitude: '-99.1458', posResolution: '18.52', comment: null },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'whitespace trimmed from comment',
    packet: `${oh2rdp}:!6028.51N/02505.68E#PHG7220   ${phgComment}  \t `,
    ok: true,
    expect: { phg: '7220', comment: phgComment },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'timestamp, course/speed and altitude',
    packet:
      'YB1RUS-9>APOTC1,WIDE2-2,qAS,YC0GIN-1:/180000z0609.31S/10642.85E>058/010/A=000079 13.8V 15CYB1RUS-9 Mobile Tracker',
    ok: true,
    expect: { latitude: '-6.15517', longitude: '106.71417', altitude: '24.07920' },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'negative altitude',
    packet:
      'YB1RUS-9>APOTC1,WIDE2-2,qAS,YC0GIN-1:/180000z0609.31S/10642.85E>058/010/A=-00079 13.8V 15CYB1RUS-9 Mobile Tracker',
    ok: true,
    expect: { altitude: '-24.07920' },
  },
  {
    file: '20decode-uncompressed.t',
    name: 'basic position YC0SHR',
    packet: 'YC0SHR>APU25N,TCPIP*,qAC,ALDIMORI:=0606.23S/10644.61E-GW SAHARA PENJARINGAN JAKARTA 147.880 MHz',
    ok: true,
    expect: { latitude: '-6.10383', longitude: '106.74350' },
  },

  // 22decode-compressed.t
  {
    file: '22decode-compressed.t',
    name: 'non-moving compressed',
    packet: 'OH2KKU-15>APRS,TCPIP*,qAC,FOURTH:!I0-X;T_Wv&{-Aigate testing',
    ok: true,
    expect: {
      srcCallsign: 'OH2KKU-15',
      dstCallsign: 'APRS',
      header: 'OH2KKU-15>APRS,TCPIP*,qAC,FOURTH',
      body: '!I0-X;T_Wv&{-Aigate testing',
      type: 'location',
      format: 'compressed',
      comment: 'igate testing',
      digipeaters: [
        { call: 'TCPIP', wasDigied: true },
        { call: 'qAC', wasDigied: false },
        { call: 'FOURTH', wasDigied: false },
      ],
      symbolTable: 'I',
      symbolCode: '&',
      posAmbiguity: null,
      messaging: false,
      latitude: '60.0520',
      longitude: '24.5045',
      posResolution: '0.291',
      speed: null,
      course: null,
      altitude: null,
    },
  },
  {
    file: '22decode-compressed.t',
    name: 'moving compressed with comment telemetry',
    packet:
      'OH2LCQ-10>APZMDR,WIDE3-2,qAo,OH2MQK-1:!//zPHTfVv>!V_ Tero, Green Volvo 960, GGL-880|!!!!!!!!!!!!!!|',
    ok: true,
    expect: {
      header: 'OH2LCQ-10>APZMDR,WIDE3-2,qAo,OH2MQK-1',
      body: '!//zPHTfVv>!V_ Tero, Green Volvo 960, GGL-880|!!!!!!!!!!!!!!|',
      type: 'location',
      comment: 'Tero, Green Volvo 960, GGL-880',
      digipeaters: [
        { call: 'WIDE3-2', wasDigied: false },
        { call: 'qAo', wasDigied: false },
        { call: 'OH2MQK-1', wasDigied: false },
      ],
      symbolTable: '/',
      symbolCode: '>',
      posAmbiguity: null,
      messaging: false,
      latitude: '60.3582',
      longitude: '24.8084',
      posResolution: '0.291',
      speed: '107.57',
      course: 360,
      altitude: null,
    },
  },
  {
    file: '22decode-compressed.t',
    name: 'too short compressed (13 bytes required)',
    packet: 'KJ4ERJ-AL>APWW05,TCPIP*,qAC,FOURTH:@075111h/@@.Y:*lol ',
    ok: false,
    expect: {},
  },
  {
    file: '22decode-compressed.t',
    name: 'compressed with weather',
    packet:
      'SV4IKL-2>APU25N,WIDE2-2,qAR,SV6EXB-1:@011444z/:JF!T/W-_e!bg001t054r000p010P010h65b10073WS 2300 {UIV32N}',
    ok: true,
    expect: {
      symbolTable: '/',
      symbolCode: '_',
      comment: 'WS 2300 {UIV32N}',
      'wx.windGust': '0.4',
      'wx.temp': '12.2',
      'wx.humidity': 65,
      'wx.pressure': '1007.3',
    },
  },
  {
    file: '22decode-compressed.t',
    name: 'compressed with weather, spaces in gust',
    packet:
      'SV4IKL-2>APU25N,WIDE2-2,qAR,SV6EXB-1:@011444z/:JF!T/W-_e!bg   t054r000p010P010h65b10073WS 2300 {UIV32N}',
    ok: true,
    expect: { 'wx.temp': '12.2' },
  },

  // 23decode-mice.t
  {
    file: '23decode-mice.t',
    name: 'non-moving Mic-E',
    packet: "OH7LZB-13>SX15S6,TCPIP*,qAC,FOURTH:'I',l \x1C>/]",
    ok: true,
    expect: {
      srcCallsign: 'OH7LZB-13',
      dstCallsign: 'SX15S6',
      header: 'OH7LZB-13>SX15S6,TCPIP*,qAC,FOURTH',
      body: "'I',l \x1C>/]",
      type: 'location',
      format: 'mice',
      comment: ']',
      digipeaters: [
        { call: 'TCPIP', wasDigied: true },
        { call: 'qAC', wasDigied: false },
        { call: 'FOURTH', wasDigied: false },
      ],
      symbolTable: '/',
      symbolCode: '>',
      posAmbiguity: 0,
      messaging: null,
      latitude: '-38.2560',
      longitude: '145.1860',
      posResolution: '18.52',
      speed: 0,
      course: 0,
      altitude: null,
    },
  },
  {
    file: '23decode-mice.t',
    name: 'moving Mic-E with altitude',
    packet: 'OH7LZB-2>TQ4W2V,WIDE2-1,qAo,OH7LZB:`c51!f?>/]"3x}=',
    ok: true,
    expect: {
      header: 'OH7LZB-2>TQ4W2V,WIDE2-1,qAo,OH7LZB',
      body: '`c51!f?>/]"3x}=',
      type: 'location',
      comment: ']=',
      digipeaters: [
        { call: 'WIDE2-1', wasDigied: false },
        { call: 'qAo', wasDigied: false },
        { call: 'OH7LZB', wasDigied: false },
      ],
      symbolTable: '/',
      symbolCode: '>',
      posAmbiguity: 0,
      messaging: null,
      mbits: '110',
      latitude: '41.7877',
      longitude: '-71.4202',
      posResolution: '18.52',
      speed: '105.56',
      course: 35,
      altitude: 6,
    },
  },
  {
    file: '23decode-mice.t',
    name: 'Mic-E with invalid symbol table',
    packet: 'OZ2BRN-4>5U2V08,OZ3RIN-3,OZ4DIA-2*,WIDE2-1,qAR,DB0KUE:`\'O<l!{,,"4R}',
    ok: false,
    code: 'sym_inv_table',
    expect: {
      srcCallsign: 'OZ2BRN-4',
      dstCallsign: '5U2V08',
      header: 'OZ2BRN-4>5U2V08,OZ3RIN-3,OZ4DIA-2*,WIDE2-1,qAR,DB0KUE',
      body: '`\'O<l!{,,"4R}',
      type: 'location',
      comment: null,
    },
  },
  {
    file: '23decode-mice.t',
    name: 'Mic-E 5-channel telemetry (UTF-8 left quote as sent, read as bytes)',
    packet: `OZ2BRN-4>5U2V08,WIDE2-1,qAo,OH7LZB:\`c51!f?>/\xe2\x80\x98102030FFff commeeeent`,
    ok: true,
    expect: { comment: 'commeeeent', 'telemetry.vals': [16, 32, 48, 255, 255] },
  },
  {
    file: '23decode-mice.t',
    name: 'Mic-E 2-channel telemetry',
    packet: `${mice2.replace('OH7LZB-2>TQ4W2V', 'OZ2BRN-4>5U2V08')}'1020 commeeeent`,
    ok: true,
    expect: { comment: 'commeeeent', 'telemetry.vals': [16, 0, 32] },
  },
  {
    file: '23decode-mice.t',
    name: 'mangled Mic-E repaired (accept_broken_mice)',
    packet: "KD0KZE>TUPX9R,RS0ISS*,qAR,K0GDI-6:'yaIl -/]Greetings via ISS=",
    options: { acceptBrokenMice: true },
    ok: true,
    expect: {
      latitude: '45.1487',
      longitude: '-93.1575',
      symbolTable: '/',
      symbolCode: '-',
      comment: ']Greetings via ISS=',
      course: null,
      speed: null,
      miceMangled: true,
    },
  },

  // 30decode-wx-basic.t
  {
    file: '30decode-wx-basic.t',
    name: 'basic weather',
    packet:
      'OH2RDP-1>BEACON-15,WIDE2-1,qAo,OH2MQK-1:=6030.35N/02443.91E_150/002g004t039r001P002p004h00b10125XRSW',
    ok: true,
    expect: {
      srcCallsign: 'OH2RDP-1',
      dstCallsign: 'BEACON-15',
      latitude: '60.5058',
      longitude: '24.7318',
      posResolution: '18.52',
      'wx.windDirection': 150,
      'wx.windSpeed': '0.9',
      'wx.windGust': '1.8',
      'wx.temp': '3.9',
      'wx.humidity': 100,
      'wx.pressure': '1012.5',
      'wx.rain24h': '1.0',
      'wx.rain1h': '0.3',
      'wx.rainMidnight': '0.5',
      'wx.soft': 'XRSW',
    },
  },
  {
    file: '30decode-wx-basic.t',
    name: 'weather with comment',
    packet:
      'OH2GAX>' +
      hex(
        '41505532354E2C54435049502A2C7141432C4F48324741583A403130313331377A363032342E37384E2F30323530332E3937455F3135362F30303167303035743033387230303070303030503030306839316231303039332F74797065203F7361646520666F72206D6F726520777820696E666F',
      ),
    ok: true,
    expect: {
      latitude: '60.4130',
      longitude: '25.0662',
      posResolution: '18.52',
      comment: '/type ?sade for more wx info',
      'wx.windDirection': 156,
      'wx.windSpeed': '0.4',
      'wx.windGust': '2.2',
      'wx.temp': '3.3',
      'wx.humidity': 91,
      'wx.pressure': '1009.3',
      'wx.rain24h': '0.0',
      'wx.rain1h': '0.0',
      'wx.rainMidnight': '0.0',
    },
  },
  {
    file: '30decode-wx-basic.t',
    name: 'weather with comment, third',
    packet:
      'JH9YVX>APU25N,TCPIP*,qAC,T2TOKYO3:@011241z3558.58N/13629.67E_068/001g001t033r000p020P020b09860h98Oregon WMR100N Weather Station {UIV32N}',
    ok: true,
    expect: {
      latitude: '35.9763',
      longitude: '136.4945',
      posResolution: '18.52',
      comment: 'Oregon WMR100N Weather Station {UIV32N}',
      'wx.windDirection': 68,
      'wx.windSpeed': '0.4',
      'wx.windGust': '0.4',
      'wx.temp': '0.6',
      'wx.humidity': 98,
      'wx.pressure': '986.0',
      'wx.rain1h': '0.0',
      'wx.rain24h': '5.1',
      'wx.rainMidnight': '5.1',
    },
  },
  {
    file: '30decode-wx-basic.t',
    name: 'no wind direction/course',
    packet:
      'N0CALL>APU25N,TCPIP*,qAC,T2TOKYO3:@011241z3558.58N/13629.67E_.../...g001t033r000p020P020b09860h98Oregon WMR100N Weather Station {UIV32N}',
    ok: true,
    expect: { 'wx.windGust': '0.4' },
  },
  {
    file: '30decode-wx-basic.t',
    name: 'just rain',
    packet: 'N0CALL>APJLSX,TCPIP*,qAS,KG4EXY:@061750z3849.10N/07725.10W_.../...g...t...r008p011P011b.....h..',
    ok: true,
    expect: { 'wx.rain1h': '2.0' },
  },
  {
    file: '30decode-wx-basic.t',
    name: 'spaces in wind gust',
    packet:
      'N0CALL>APU25N,TCPIP*,qAC,T2TOKYO3:@011241z3558.58N/13629.67E_.../...g   t033r000p020P020b09860h98Oregon WMR100N Weather Station {UIV32N}',
    ok: true,
    expect: { 'wx.temp': '0.6' },
  },
  {
    file: '30decode-wx-basic.t',
    name: 'positionless weather with snowfall',
    packet: 'JH9YVX>APU25N,TCPIP*,qAC,T2TOKYO3:_12032359c180s001g002t033r010p040P080b09860h98Os010L500',
    ok: true,
    expect: {
      latitude: null,
      longitude: null,
      posResolution: null,
      'wx.windDirection': 180,
      'wx.windSpeed': '0.4',
      'wx.windGust': '0.9',
      'wx.temp': '0.6',
      'wx.humidity': 98,
      'wx.pressure': '986.0',
      'wx.rain1h': '2.5',
      'wx.rain24h': '10.2',
      'wx.rainMidnight': '20.3',
      'wx.snow24h': '2.5',
      'wx.luminosity': 500,
    },
  },

  // 41decode-object.t
  {
    file: '41decode-object.t',
    name: 'compressed object',
    packet:
      'OH2KKU-1>' +
      hex(
        '415052532C54435049502A2C7141432C46495253543A3B5352414C20485120202A3130303932377A533025452F5468345F612020414B617570696E6D61656E706F6C6B75392C6F70656E204D2D546831322D31372C4631322D3134206C636C',
      ),
    ok: true,
    expect: {
      type: 'object',
      objectName: 'SRAL HQ  ',
      alive: true,
      symbolTable: 'S',
      symbolCode: 'a',
      latitude: '60.2305',
      longitude: '24.8790',
      posResolution: '0.291',
      phg: null,
      comment: 'Kaupinmaenpolku9,open M-Th12-17,F12-14 lcl',
    },
  },
  {
    file: '41decode-object.t',
    name: 'uncompressed object',
    packet: 'OH2KKU-1>APRS:;LEADER   *092345z4903.50N/07201.75W>088/036',
    ok: true,
    expect: {
      type: 'object',
      objectName: 'LEADER   ',
      alive: true,
      latitude: '49.0583',
      longitude: '-72.0292',
      posResolution: '18.520',
      phg: null,
      comment: null,
    },
  },
  {
    file: '41decode-object.t',
    name: 'killed object',
    packet: 'OH2KKU-1>APRS:;LEADER   _092345z4903.50N/07201.75W>088/036',
    ok: true,
    expect: { type: 'object', objectName: 'LEADER   ', alive: false },
  },

  ...messageCases,
];
