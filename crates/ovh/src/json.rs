//! JSON through miniserde, with the few shapes its derive does not write.
//!
//! serde's derives cost the web bundle half as much again as miniserde's at the base, and more
//! than twice as much per type (measured in the README): miniserde reads and writes through
//! trait objects rather than code generated for each type and format. Its derive handles
//! structs with named fields and enums of plain names, renamed field by field; this module adds
//! what the models and the journal need besides: enums whose variants carry data
//! ([`tagged_enum!`](crate::tagged_enum)), enums OVHcloud may extend
//! ([`open_enum!`](crate::open_enum)), types written as strings
//! ([`string_form!`](crate::string_form)), objects written field by field ([`Fields`]: bodies
//! leave out what they do not set), fields not saved ([`Unsaved`]) and values read only to be
//! dropped ([`Ignored`]).

use std::borrow::Cow;

use miniserde::de::{Map as DeMap, Seq as DeSeq, Visitor};
use miniserde::ser::{Fragment, Map as SerMap};
use miniserde::{Deserialize, Serialize};

pub use miniserde::Error;

/// Decodes `text` as JSON into `T`.
pub fn from_str<T: miniserde::Deserialize>(text: &str) -> Result<T, Error> {
    miniserde::json::from_str(text)
}

/// Encodes `value` as JSON.
pub fn to_string<T: miniserde::Serialize + ?Sized>(value: &T) -> String {
    miniserde::json::to_string(value)
}

/// `{"name": content}`: a variant with data, as serde_json writes it.
pub fn tagged<'a>(name: &'static str, content: &'a dyn Serialize) -> Fragment<'a> {
    Fragment::Map(Box::new(Single(Some((name, content)))))
}

/// A map of one entry.
struct Single<'a>(Option<(&'static str, &'a dyn Serialize)>);

impl SerMap for Single<'_> {
    fn next(&mut self) -> Option<(Cow<'_, str>, &dyn miniserde::Serialize)> {
        self.0
            .take()
            .map(|(key, value)| (Cow::Borrowed(key), value))
    }
}

/// The fields of an object, in order, for types whose JSON their derive cannot write.
#[derive(Default)]
pub struct Fields<'a>(Vec<(&'static str, &'a dyn Serialize)>);

impl<'a> Fields<'a> {
    /// No field yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a field.
    pub fn with(mut self, name: &'static str, value: &'a dyn Serialize) -> Self {
        self.0.push((name, value));
        self
    }

    /// Adds a field when it has a value, and leaves it out otherwise: OVHcloud takes a `null`
    /// it is sent for a value to set.
    pub fn with_some<T: miniserde::Serialize>(
        mut self,
        name: &'static str,
        value: &'a Option<T>,
    ) -> Self {
        if let Some(value) = value {
            self.0.push((name, value));
        }
        self
    }

    /// The object, as a type's `Serialize::begin` returns it.
    pub fn into_object(self) -> Fragment<'a> {
        Fragment::Map(Box::new(Object {
            fields: self,
            next: 0,
        }))
    }
}

impl miniserde::Serialize for Fields<'_> {
    fn begin(&self) -> Fragment<'_> {
        Fragment::Map(Box::new(FieldIter(self.0.iter())))
    }
}

/// A walk over borrowed [`Fields`].
struct FieldIter<'a, 'b>(std::slice::Iter<'b, (&'static str, &'a dyn Serialize)>);

impl SerMap for FieldIter<'_, '_> {
    fn next(&mut self) -> Option<(Cow<'_, str>, &dyn miniserde::Serialize)> {
        self.0
            .next()
            .map(|&(key, value)| (Cow::Borrowed(key), value))
    }
}

/// A walk over owned [`Fields`].
struct Object<'a> {
    fields: Fields<'a>,
    next: usize,
}

impl SerMap for Object<'_> {
    fn next(&mut self) -> Option<(Cow<'_, str>, &dyn miniserde::Serialize)> {
        let &(key, value) = self.fields.0.get(self.next)?;
        self.next += 1;
        Some((Cow::Borrowed(key), value))
    }
}

/// `{"name": {fields}}`: a variant with named fields, as serde_json writes it.
pub fn tagged_fields<'a>(name: &'static str, fields: Fields<'a>) -> Fragment<'a> {
    Fragment::Map(Box::new(TaggedFields(Some(name), fields)))
}

/// A map of one entry whose value is an object.
struct TaggedFields<'a>(Option<&'static str>, Fields<'a>);

impl SerMap for TaggedFields<'_> {
    fn next(&mut self) -> Option<(Cow<'_, str>, &dyn miniserde::Serialize)> {
        let name = self.0.take()?;
        Some((Cow::Borrowed(name), &self.1))
    }
}

/// Any JSON value, read and dropped: for answers whose content does not matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ignored;

miniserde::make_place!(Place);

impl Place<Ignored> {
    fn took(&mut self) -> miniserde::Result<()> {
        self.out = Some(Ignored);
        Ok(())
    }
}

impl Visitor for Place<Ignored> {
    fn null(&mut self) -> miniserde::Result<()> {
        self.took()
    }

    fn boolean(&mut self, _: bool) -> miniserde::Result<()> {
        self.took()
    }

    fn string(&mut self, _: &str) -> miniserde::Result<()> {
        self.took()
    }

    fn negative(&mut self, _: i64) -> miniserde::Result<()> {
        self.took()
    }

    fn nonnegative(&mut self, _: u64) -> miniserde::Result<()> {
        self.took()
    }

    fn float(&mut self, _: f64) -> miniserde::Result<()> {
        self.took()
    }

    fn seq(&mut self) -> miniserde::Result<Box<dyn DeSeq + '_>> {
        self.took()?;
        Ok(Box::new(Everything))
    }

    fn map(&mut self) -> miniserde::Result<Box<dyn DeMap + '_>> {
        self.took()?;
        Ok(Box::new(Everything))
    }
}

/// The content of an array or object being ignored.
struct Everything;

impl DeSeq for Everything {
    fn element(&mut self) -> miniserde::Result<&mut dyn Visitor> {
        Ok(<dyn Visitor>::ignore())
    }

    fn finish(&mut self) -> miniserde::Result<()> {
        Ok(())
    }
}

impl DeMap for Everything {
    fn key(&mut self, _: &str) -> miniserde::Result<&mut dyn Visitor> {
        Ok(<dyn Visitor>::ignore())
    }

    fn finish(&mut self) -> miniserde::Result<()> {
        Ok(())
    }
}

impl miniserde::Deserialize for Ignored {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

/// Implements miniserde's `Serialize` and `Deserialize` for an enum whose variants carry data,
/// in serde_json's external tagging: `"name"` for a variant without data, `{"name": value}`
/// for one with a value, `{"name": {"field": value}}` for one with named fields.
///
/// The variants are listed by kind, each with its name in JSON; a variant missing from the
/// list, or listed with other fields than it has, does not compile.
#[macro_export]
macro_rules! tagged_enum {
    (
        $name:ident {
            names { $( $unit_json:literal => $unit:ident ),* $(,)? }
            values { $( $value_json:literal => $value:ident ( $value_ty:ty ) ),* $(,)? }
            fields {
                $( $fields_json:literal => $fields:ident { $( $field:ident : $field_ty:ty ),* $(,)? } ),* $(,)?
            }
        }
    ) => {
        const _: () = {
            impl ::miniserde::Serialize for $name {
                fn begin(&self) -> ::miniserde::ser::Fragment<'_> {
                    match self {
                        $( $name::$unit => ::miniserde::ser::Fragment::Str(
                            ::std::borrow::Cow::Borrowed($unit_json),
                        ), )*
                        $( $name::$value(value) => $crate::json::tagged($value_json, value), )*
                        $( $name::$fields { $( $field ),* } => $crate::json::tagged_fields(
                            $fields_json,
                            $crate::json::Fields::new()
                                $( .with(stringify!($field), $field) )*,
                        ), )*
                    }
                }
            }

            /// The variants with named fields, each as a struct to read them into.
            #[allow(non_snake_case)]
            mod wire {
                #[allow(unused_imports)]
                use super::*;
                $(
                    #[derive(::miniserde::Deserialize)]
                    pub struct $fields { $( pub $field: $field_ty ),* }
                )*
            }

            /// The data of the variant being read.
            enum Content {
                Unknown,
                $( $value(Option<$value_ty>), )*
                $( $fields(Option<wire::$fields>), )*
            }

            ::miniserde::make_place!(Place);

            /// An object of one entry, the variant's name and its data.
            struct Variant<'a> {
                out: &'a mut Option<$name>,
                content: Content,
            }

            impl ::miniserde::de::Visitor for Place<$name> {
                fn string(&mut self, name: &str) -> ::miniserde::Result<()> {
                    match name {
                        $( $unit_json => {
                            self.out = Some($name::$unit);
                            Ok(())
                        } )*
                        _ => Err(::miniserde::Error),
                    }
                }

                fn map(&mut self) -> ::miniserde::Result<Box<dyn ::miniserde::de::Map + '_>> {
                    Ok(Box::new(Variant { out: &mut self.out, content: Content::Unknown }))
                }
            }

            impl ::miniserde::de::Map for Variant<'_> {
                fn key(&mut self, name: &str) -> ::miniserde::Result<&mut dyn ::miniserde::de::Visitor> {
                    if !matches!(self.content, Content::Unknown) {
                        return Err(::miniserde::Error);
                    }
                    self.content = match name {
                        $( $value_json => Content::$value(None), )*
                        $( $fields_json => Content::$fields(None), )*
                        _ => return Err(::miniserde::Error),
                    };
                    match &mut self.content {
                        $( Content::$value(slot) => Ok(::miniserde::Deserialize::begin(slot)), )*
                        $( Content::$fields(slot) => Ok(::miniserde::Deserialize::begin(slot)), )*
                        Content::Unknown => Err(::miniserde::Error),
                    }
                }

                fn finish(&mut self) -> ::miniserde::Result<()> {
                    *self.out = Some(match ::std::mem::replace(&mut self.content, Content::Unknown) {
                        $( Content::$value(Some(value)) => $name::$value(value), )*
                        $( Content::$fields(Some(wire::$fields { $( $field ),* })) => {
                            $name::$fields { $( $field ),* }
                        } )*
                        _ => return Err(::miniserde::Error),
                    });
                    Ok(())
                }
            }

            impl ::miniserde::Deserialize for $name {
                fn begin(out: &mut Option<Self>) -> &mut dyn ::miniserde::de::Visitor {
                    Place::new(out)
                }
            }
        };
    };
}

/// Implements miniserde's `Serialize` and `Deserialize` for an enum of names that OVHcloud may
/// extend: read through the type's `NAMES` table, with a name it lacks read as `$other`
/// (written as `"unrecognized"`), so one new state does not make a whole answer unreadable.
#[macro_export]
macro_rules! open_enum {
    ($name:ident, $other:ident) => {
        const _: () = {
            impl ::miniserde::Serialize for $name {
                fn begin(&self) -> ::miniserde::ser::Fragment<'_> {
                    let name = $name::NAMES
                        .iter()
                        .find(|(_, value)| value == self)
                        .map_or("unrecognized", |(name, _)| name);
                    ::miniserde::ser::Fragment::Str(::std::borrow::Cow::Borrowed(name))
                }
            }

            ::miniserde::make_place!(Place);

            impl ::miniserde::de::Visitor for Place<$name> {
                fn string(&mut self, name: &str) -> ::miniserde::Result<()> {
                    let known = $name::NAMES.iter().find(|(known, _)| *known == name);
                    self.out = Some(known.map_or($name::$other, |&(_, value)| value));
                    Ok(())
                }
            }

            impl ::miniserde::Deserialize for $name {
                fn begin(out: &mut Option<Self>) -> &mut dyn ::miniserde::de::Visitor {
                    Place::new(out)
                }
            }
        };
    };
}

/// Implements miniserde's `Serialize` and `Deserialize` for a type written as a string:
/// `$write` gives the string, `$read` the value back (`None` for a string it refuses).
#[macro_export]
macro_rules! string_form {
    ($name:ident, $write:expr, $read:expr) => {
        const _: () = {
            impl ::miniserde::Serialize for $name {
                fn begin(&self) -> ::miniserde::ser::Fragment<'_> {
                    let write: fn(&$name) -> ::std::borrow::Cow<'_, str> = $write;
                    ::miniserde::ser::Fragment::Str(write(self))
                }
            }

            ::miniserde::make_place!(Place);

            impl ::miniserde::de::Visitor for Place<$name> {
                fn string(&mut self, text: &str) -> ::miniserde::Result<()> {
                    let read: fn(&str) -> Option<$name> = $read;
                    self.out = Some(read(text).ok_or(::miniserde::Error)?);
                    Ok(())
                }
            }

            impl ::miniserde::Deserialize for $name {
                fn begin(out: &mut Option<Self>) -> &mut dyn ::miniserde::de::Visitor {
                    Place::new(out)
                }
            }
        };
    };
}

/// A field that is not saved: written as `null` and read back as its default, for what a type
/// holds for the moment only (a plan's findings, shown before it is confirmed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unsaved<T>(pub T);

impl<T> std::ops::Deref for Unsaved<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Unsaved<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T> Serialize for Unsaved<T> {
    fn begin(&self) -> Fragment<'_> {
        Fragment::Null
    }
}

impl<T: Default> Visitor for Place<Unsaved<T>> {
    fn null(&mut self) -> miniserde::Result<()> {
        self.out = Some(Unsaved(T::default()));
        Ok(())
    }
}

impl<T: Default> Deserialize for Unsaved<T> {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }

    fn default() -> Option<Self> {
        Some(Unsaved(T::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape an enum of the journal takes.
    #[derive(Debug, PartialEq)]
    enum Shape {
        Empty,
        Named(String),
        Boxed(Box<Shape>),
        Point { x: i64, label: Option<String> },
    }

    crate::tagged_enum!(Shape {
        names { "empty" => Empty }
        values { "named" => Named(String), "boxed" => Boxed(Box<Shape>) }
        fields { "point" => Point { x: i64, label: Option<String> } }
    });

    #[test]
    fn an_enum_with_data_reads_back_what_it_wrote_as_serde_json_writes_it() {
        let shapes = [
            (Shape::Empty, r#""empty""#),
            (Shape::Named("n".to_owned()), r#"{"named":"n"}"#),
            (Shape::Boxed(Box::new(Shape::Empty)), r#"{"boxed":"empty"}"#),
            (
                Shape::Point { x: -3, label: None },
                r#"{"point":{"x":-3,"label":null}}"#,
            ),
        ];
        for (shape, text) in shapes {
            assert_eq!(to_string(&shape), text);
            assert_eq!(from_str::<Shape>(text).expect(text), shape);
        }
        let missing_label = from_str::<Shape>(r#"{"point": {"x": 1}}"#).expect("optional");
        assert_eq!(missing_label, Shape::Point { x: 1, label: None });
    }

    #[test]
    fn an_enum_with_data_refuses_what_it_does_not_know() {
        for text in [
            r#""other""#,
            r#"{"other": 1}"#,
            r#"{"named": 1}"#,
            r#"{"point": {"label": "no x"}}"#,
            r#"{"named": "a", "empty": null}"#,
            "{}",
            "7",
        ] {
            assert!(from_str::<Shape>(text).is_err(), "{text}");
        }
    }

    /// An enum OVHcloud may extend.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Colour {
        Red,
        DeepBlue,
        Unrecognized,
    }

    impl Colour {
        const NAMES: [(&'static str, Self); 2] = [("red", Self::Red), ("deepBlue", Self::DeepBlue)];
    }

    crate::open_enum!(Colour, Unrecognized);

    #[test]
    fn an_open_enum_reads_a_name_it_lacks_as_unrecognized() {
        assert_eq!(
            from_str::<Colour>(r#""deepBlue""#).ok(),
            Some(Colour::DeepBlue)
        );
        assert_eq!(
            from_str::<Colour>(r#""green""#).ok(),
            Some(Colour::Unrecognized)
        );
        assert_eq!(to_string(&Colour::Red), r#""red""#);
        assert_eq!(to_string(&Colour::Unrecognized), r#""unrecognized""#);
        assert!(from_str::<Colour>("1").is_err());
    }

    /// A body with a field it may leave out.
    struct Update {
        login: String,
        display_name: Option<String>,
    }

    impl Serialize for Update {
        fn begin(&self) -> Fragment<'_> {
            Fields::new()
                .with("login", &self.login)
                .with_some("displayName", &self.display_name)
                .into_object()
        }
    }

    #[test]
    fn a_body_leaves_out_the_fields_it_does_not_set() {
        let unset = Update {
            login: "j".to_owned(),
            display_name: None,
        };
        assert_eq!(to_string(&unset), r#"{"login":"j"}"#);
        let set = Update {
            display_name: Some("J".to_owned()),
            ..unset
        };
        assert_eq!(to_string(&set), r#"{"login":"j","displayName":"J"}"#);
    }

    /// A type with a field that is not saved.
    #[derive(Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
    struct Kept {
        kept: i64,
        shown: Unsaved<Vec<String>>,
    }

    #[test]
    fn an_unsaved_field_is_written_as_null_and_read_back_empty() {
        let kept = Kept {
            kept: 1,
            shown: Unsaved(vec!["finding".to_owned()]),
        };
        let text = to_string(&kept);
        assert_eq!(text, r#"{"kept":1,"shown":null}"#);
        let back: Kept = from_str(&text).expect("reads");
        assert_eq!(back.kept, 1);
        assert!(back.shown.is_empty());
        let without: Kept = from_str(r#"{"kept": 2}"#).expect("missing is empty too");
        assert!(without.shown.is_empty());
    }

    #[test]
    fn any_value_can_be_ignored_but_not_broken_json() {
        for text in [
            "null",
            "true",
            "\"s\"",
            "-1",
            "2",
            "1.5",
            "[1, [2]]",
            r#"{"a": {"b": []}}"#,
        ] {
            assert_eq!(from_str::<Ignored>(text).ok(), Some(Ignored), "{text}");
        }
        for text in ["", "[1", r#"{"a"}"#, "nul"] {
            assert!(from_str::<Ignored>(text).is_err(), "{text}");
        }
    }

    /// A value saved as a string.
    #[derive(Debug, PartialEq)]
    struct Even(u8);

    crate::string_form!(Even, |even| Cow::Owned(even.0.to_string()), |text| text
        .parse()
        .ok()
        .filter(|n| n % 2 == 0)
        .map(Even));

    #[test]
    fn a_string_form_reads_what_it_writes_and_refuses_the_rest() {
        assert_eq!(to_string(&Even(4)), r#""4""#);
        assert_eq!(from_str::<Even>(r#""4""#).ok(), Some(Even(4)));
        assert!(from_str::<Even>(r#""3""#).is_err());
        assert!(from_str::<Even>("4").is_err());
    }
}
