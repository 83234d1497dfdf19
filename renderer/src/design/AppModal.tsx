/**
 * The one modal dialog of the workstation, on React Aria: focus kept inside and given back to
 * what opened it, Escape and a click outside close it (unless `dismissable` is false), the rest
 * of the window hidden from assistive technology while it is open, RTL and LTR alike.
 */
import type { ReactNode } from 'react';
import { Dialog, Modal, ModalOverlay } from 'react-aria-components';

export interface AppModalProps {
  /** id of the dialog's title (its accessible name) */
  labelledBy: string;
  onClose: () => void;
  className?: string;
  /** a click outside closes it; Escape always does */
  dismissable?: boolean;
  testId?: string;
  children: ReactNode;
}

export function AppModal({
  labelledBy,
  onClose,
  className,
  dismissable = true,
  testId,
  children,
}: AppModalProps) {
  return (
    <ModalOverlay
      isOpen
      isDismissable={dismissable}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      className="modal-overlay"
    >
      <Modal className={`modal${className ? ` ${className}` : ''}`}>
        <Dialog aria-labelledby={labelledBy} className="modal__dialog" data-testid={testId}>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
