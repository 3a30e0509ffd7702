import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, formFromProfile, inputFromForm, parsePresets, validateForm } from './profileForm';
import { RadioProfileInputSchema } from '../../../contract/radio';

const good = {
  ...EMPTY_FORM,
  name: 'Base FM',
  model: '1',
  pttMethod: 'rigctld' as const,
  callsign: 'bg7abc-9',
};

describe('radio profile form', () => {
  it('a good profile passes and is what the host expects', () => {
    const { input, problems } = validateForm(good);
    expect(problems).toEqual({});
    const parsed = RadioProfileInputSchema.parse(input);
    expect(parsed.callsign).toBe('BG7ABC-9');
    expect(parsed.control).toEqual({ kind: 'spawn', device: '', baudRate: null, listenPort: null });
  });

  it('RTS keying without a serial line is refused next to that field', () => {
    const { problems } = validateForm({ ...good, pttMethod: 'rts' });
    expect(problems.pttSerialPath?.key).toBe('tech.err.pttSerial');
  });

  it('rigctld keying without CAT control is refused at the PTT method', () => {
    const { problems } = validateForm({ ...good, controlKind: 'none' });
    expect(problems.pttMethod?.key).toBe('tech.err.pttNeedsCat');
  });

  it('a real radio spawned without a CAT device, a bad callsign, a silly TOT and an empty name', () => {
    const { problems } = validateForm({
      ...good,
      name: ' ',
      model: '3073',
      callsign: 'NOT A CALL',
      totSeconds: '2',
    });
    expect(problems.device?.key).toBe('tech.err.catDevice');
    expect(problems.callsign?.key).toBe('tech.err.callsign');
    expect(problems.totSeconds?.key).toBe('tech.err.tot');
    expect(problems.name?.key).toBe('tech.err.name');
  });

  it('presets: one per line, duplicates and bad lines refused', () => {
    expect(parsePresets('Ch1, 145.5, FM\n\nCh2,438.5').presets).toEqual([
      { name: 'Ch1', frequencyHz: 145_500_000, mode: 'FM' },
      { name: 'Ch2', frequencyHz: 438_500_000, mode: 'FM' },
    ]);
    expect(validateForm({ ...good, presets: 'A, 145.5\nA, 146' }).problems.presets?.key).toBe(
      'tech.err.presetUnique',
    );
    expect(validateForm({ ...good, presets: 'A, abc' }).problems.presets?.key).toBe('tech.err.presetLine');
  });

  it('round-trips a saved profile through the form', () => {
    const input = RadioProfileInputSchema.parse(inputFromForm({ ...good, presets: 'Ch1, 145.5, FM' }));
    const saved = { ...input, id: '00000000-0000-4000-8000-000000000001', createdAt: 1, updatedAt: 1 };
    const back = validateForm(formFromProfile(saved));
    expect(back.problems).toEqual({});
    expect(RadioProfileInputSchema.parse(back.input).presets).toEqual(input.presets);
  });
});
