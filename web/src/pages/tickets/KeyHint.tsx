/** A keyboard hint on a button (`Ctrl+Enter`), readable on a primary or a default button. */
export function KeyHint({ keys }: { keys: string }) {
  return (
    <kbd
      style={{
        font: 'inherit',
        fontSize: 11,
        color: 'inherit',
        background: 'transparent',
        border: '1px solid currentColor',
        borderRadius: 3,
        padding: '0 4px',
        marginInlineStart: 6,
        opacity: 0.85,
      }}
    >
      {keys}
    </kbd>
  );
}
