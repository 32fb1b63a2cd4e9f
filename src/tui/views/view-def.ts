/** A view: its pure model (id, title, rows) plus the component that draws it. */
import type { ComponentType } from 'react';
import type { ViewModel } from '../state/types.js';

export interface ViewDef extends ViewModel {
  Component: ComponentType;
}
