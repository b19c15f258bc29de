/**
 * The article editor's rich-text box (TipTap 3 over ProseMirror). Loaded lazily by the editor page
 * only, so it stays out of the wallboard's and login's chunks. It emits HTML that the server still
 * sanitises (src/core/kb/html.ts): paragraphs, h2/h3, lists, strong/em/u, links.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';

const EXTENSIONS = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    link: { openOnClick: false, autolink: true, protocols: ['mailto', 'tel'], defaultProtocol: 'https' },
  }),
];

export default function RichText({ value, onChange, label }: { value: string; onChange: (html: string) => void; label: string }) {
  // the HTML this box last gave out: a value that differs came from outside (another version loaded)
  const emitted = useRef(value);
  const editor = useEditor({
    extensions: EXTENSIONS,
    content: value,
    editorProps: { attributes: { 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', class: 'rte-content', 'data-testid': 'kb-body-editor' } },
    onUpdate: ({ editor: e }) => {
      const html = e.isEmpty ? '' : e.getHTML();
      emitted.current = html;
      onChange(html);
    },
  });
  useEffect(() => {
    if (!editor || value === emitted.current) return;
    emitted.current = value;
    editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  if (!editor) return null;
  return (
    <div className="rte" style={{ border: '1px solid var(--line)', borderRadius: 6, background: 'var(--panel)' }}>
      <Toolbar editor={editor} />
      <EditorContent editor={editor} style={{ padding: '4px 10px', minHeight: 200 }} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  // re-render the buttons' pressed state as the selection moves
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      undo: e.can().undo(),
      redo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const prev = (editor.getAttributes('link').href as string | undefined) ?? 'https://';
    const href = window.prompt(t('rte.linkPrompt'), prev);
    if (href === null) return;
    if (!href.trim()) chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: href.trim() }).run();
  };
  const buttons: { key: string; label: string; on: boolean; run: () => void; text: string; disabled?: boolean }[] = [
    { key: 'bold', label: t('rte.bold'), on: s.bold, run: () => chain().toggleBold().run(), text: 'B' },
    { key: 'italic', label: t('rte.italic'), on: s.italic, run: () => chain().toggleItalic().run(), text: 'I' },
    { key: 'underline', label: t('rte.underline'), on: s.underline, run: () => chain().toggleUnderline().run(), text: 'U' },
    { key: 'h2', label: t('rte.heading2'), on: s.h2, run: () => chain().toggleHeading({ level: 2 }).run(), text: 'H2' },
    { key: 'h3', label: t('rte.heading3'), on: s.h3, run: () => chain().toggleHeading({ level: 3 }).run(), text: 'H3' },
    { key: 'bullet', label: t('rte.bulletList'), on: s.bullet, run: () => chain().toggleBulletList().run(), text: '•' },
    { key: 'ordered', label: t('rte.orderedList'), on: s.ordered, run: () => chain().toggleOrderedList().run(), text: '1.' },
    { key: 'link', label: t('rte.link'), on: s.link, run: setLink, text: t('rte.link') }, // a word: emoji fonts are missing on kiosks
    { key: 'undo', label: t('rte.undo'), on: false, run: () => chain().undo().run(), text: '↶', disabled: !s.undo },
    { key: 'redo', label: t('rte.redo'), on: false, run: () => chain().redo().run(), text: '↷', disabled: !s.redo },
  ];
  return (
    <div role="toolbar" aria-label={t('rte.toolbar')} className="form-row" style={{ margin: 0, padding: 4, borderBottom: '1px solid var(--line)', gap: 4 }}>
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          className={b.on ? '' : 'secondary'}
          aria-label={b.label}
          title={b.label}
          aria-pressed={b.on}
          disabled={b.disabled}
          data-rte={b.key}
          onMouseDown={(e) => e.preventDefault()} // keep the selection in the text
          onClick={b.run}
        >
          {b.text}
        </button>
      ))}
    </div>
  );
}
