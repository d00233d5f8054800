//! JSON decoding in the one shape OVHcloud uses: objects as objects, enums as names.
//!
//! serde_json accepts more shapes than OVHcloud, the proxy or the browser's storage ever write:
//! a struct as an array of its fields in order, and an enum as `{"variant": content}`. Every
//! type it decodes compiles the code for those shapes too, once per model and once per enum:
//! 7 KB of the gzipped web app (measured with `trunk build --release`, see the README).
//! [`from_str`] puts a thin layer between serde_json and the types that asks for a map
//! wherever a struct is expected and for a string wherever an enum is, at every depth, so the
//! other shapes are never compiled; they are refused, as serde_json refuses a number there.
//!
//! Enums whose variants carry data (the migration journal's) are read as serde_json writes
//! them, `"name"` or `{"name": content}`, with their struct variants read as maps only too.

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

/// Decodes `text` as JSON into `T`, objects only as objects.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    let mut json = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Objects(&mut json))?;
    json.end()?;
    Ok(value)
}

/// A deserializer that reads structs as maps and enums as names, and passes itself on to what
/// it reads.
struct Objects<D>(D);

/// A visitor that hands [`Objects`] on to the values it is given.
struct Nested<V>(V);

/// The elements of a sequence, each read through [`Objects`].
struct Elements<A>(A);

/// The entries of a map, each value read through [`Objects`].
struct Entries<A>(A);

/// A seed whose value is read through [`Objects`].
struct Seed<S>(S);

/// An enum visitor whose variants' content is read through [`Objects`].
struct Variants<V>(V);

/// A variant whose content is read through [`Objects`].
struct Variant<A>(A);

/// A struct variant's fields, read as a map.
struct Fields<V>(V);

macro_rules! forward_plain {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(visitor)
            }
        )*
    };
}

macro_rules! forward_nested {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(Nested(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    // Scalars hold nothing that could be a struct.
    forward_plain! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_identifier deserialize_ignored_any
    }

    forward_nested! { deserialize_any deserialize_option deserialize_seq deserialize_map }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Nested(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Nested(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Nested(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Nested(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Variants(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident: $ty:ty)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                self.0.$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Nested<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(formatter)
    }

    forward_visit! {
        visit_bool: bool visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64
        visit_i128: i128 visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64
        visit_u128: u128 visit_f32: f32 visit_f64: f64 visit_char: char visit_str: &str
        visit_borrowed_str: &'de str visit_string: String visit_bytes: &[u8]
        visit_borrowed_bytes: &'de [u8] visit_byte_buf: Vec<u8>
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Objects(deserializer))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Objects(deserializer))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Elements(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Entries(map))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(data)
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Variants<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(formatter)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Variant(data))
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Variant<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(seed)?;
        Ok((value, Variant(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Nested(visitor))
    }

    // Read as a newtype holding a map, so that the variant's fields are never read as an array.
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.newtype_variant_seed(Fields(visitor))
    }
}

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Fields<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_map(Nested(self.0))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Elements<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<A> {
    type Error = A::Error;

    // Keys are JSON strings: nothing to pass on.
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(deserializer))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::from_str;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Point {
        x: i64,
        y: i64,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    enum Colour {
        DeepRed,
        Blue,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Label(String);

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Shape {
        name: Label,
        colour: Colour,
        points: Vec<Point>,
        centre: Option<Point>,
        corners: (Point, Point),
        named: BTreeMap<String, Point>,
        #[serde(default)]
        hidden: bool,
    }

    const SHAPE: &str = r#"{
        "name": "square",
        "colour": "deepRed",
        "points": [{"x": 0, "y": 0}, {"y": 1, "x": 1}],
        "centre": {"x": 5, "y": 5},
        "corners": [{"x": 0, "y": 0}, {"x": 9, "y": 9}],
        "named": {"origin": {"x": 0, "y": 0}},
        "unknown": [1, {"deep": [true, null]}, "text"]
    }"#;

    fn shape() -> Shape {
        Shape {
            name: Label("square".to_owned()),
            colour: Colour::DeepRed,
            points: vec![Point { x: 0, y: 0 }, Point { x: 1, y: 1 }],
            centre: Some(Point { x: 5, y: 5 }),
            corners: (Point { x: 0, y: 0 }, Point { x: 9, y: 9 }),
            named: BTreeMap::from([("origin".to_owned(), Point { x: 0, y: 0 })]),
            hidden: false,
        }
    }

    #[test]
    fn reads_objects_at_every_depth_as_serde_json_does() {
        assert_eq!(from_str::<Shape>(SHAPE).expect("a shape"), shape());
        assert_eq!(
            from_str::<Shape>(SHAPE).expect("a shape"),
            serde_json::from_str::<Shape>(SHAPE).expect("a shape")
        );
        let empty_centre = SHAPE.replace(r#"{"x": 5, "y": 5}"#, "null");
        assert_eq!(
            from_str::<Shape>(&empty_centre).expect("a shape").centre,
            None
        );
        assert_eq!(
            from_str::<Colour>(r#""blue""#).expect("a colour"),
            Colour::Blue
        );
    }

    #[test]
    fn refuses_an_array_where_an_object_belongs_at_every_depth() {
        // serde_json alone takes each of these, reading the array as the fields in order.
        let cases = [
            ("top", "[1, 2]".to_owned()),
            ("in a list", SHAPE.replace(r#"{"y": 1, "x": 1}"#, "[1, 1]")),
            (
                "in an option",
                SHAPE.replace(r#"{"x": 5, "y": 5}"#, "[5, 5]"),
            ),
            ("in a tuple", SHAPE.replace(r#"{"x": 9, "y": 9}"#, "[9, 9]")),
            (
                "in a map",
                SHAPE.replace(r#""origin": {"x": 0, "y": 0}"#, r#""origin": [0, 0]"#),
            ),
        ];
        for (place, text) in cases {
            let error = if place == "top" {
                assert!(serde_json::from_str::<Point>(&text).is_ok(), "{place}");
                from_str::<Point>(&text).expect_err(place).to_string()
            } else {
                assert!(serde_json::from_str::<Shape>(&text).is_ok(), "{place}");
                from_str::<Shape>(&text).expect_err(place).to_string()
            };
            assert!(
                error.contains("invalid type: sequence, expected struct Point"),
                "{place}: {error}"
            );
        }
    }

    #[test]
    fn reads_enums_as_names_or_tagged_objects_with_their_fields_as_maps() {
        #[derive(Debug, PartialEq, Deserialize)]
        #[serde(rename_all = "camelCase")]
        enum Carrying {
            Plain,
            Number(i64),
            Pair(i64, i64),
            At { point: Point },
        }
        assert_eq!(
            from_str::<Colour>(r#""deepRed""#).expect("a name"),
            Colour::DeepRed
        );
        assert_eq!(
            from_str::<Carrying>(r#""plain""#).expect("a name"),
            Carrying::Plain
        );
        assert_eq!(
            from_str::<Carrying>(r#"{"number": 5}"#).expect("a newtype"),
            Carrying::Number(5)
        );
        assert_eq!(
            from_str::<Carrying>(r#"{"pair": [1, 2]}"#).expect("a tuple"),
            Carrying::Pair(1, 2)
        );
        assert_eq!(
            from_str::<Carrying>(r#"{"at": {"point": {"x": 1, "y": 2}}}"#).expect("fields"),
            Carrying::At {
                point: Point { x: 1, y: 2 }
            }
        );
        // serde_json alone takes a struct variant's fields, or a struct within it, as an array.
        for text in [
            r#"{"at": [{"x": 1, "y": 2}]}"#,
            r#"{"at": {"point": [1, 2]}}"#,
        ] {
            assert!(serde_json::from_str::<Carrying>(text).is_ok(), "{text}");
            let error = from_str::<Carrying>(text).expect_err(text).to_string();
            assert!(
                error.starts_with("invalid type: sequence"),
                "{text}: {error}"
            );
        }
        assert!(from_str::<Carrying>(r#""number""#).is_err());
    }

    #[test]
    fn keeps_serde_json_errors() {
        let missing = from_str::<Point>(r#"{"x": 1}"#).expect_err("no y");
        assert_eq!(missing.to_string(), "missing field `y` at line 1 column 8");
        let trailing = from_str::<Point>(r#"{"x": 1, "y": 2} x"#).expect_err("trailing");
        assert_eq!(
            trailing.to_string(),
            "trailing characters at line 1 column 18"
        );
        let wrong = from_str::<Colour>(r#""green""#).expect_err("no such colour");
        assert!(wrong.to_string().starts_with("unknown variant `green`"));
    }
}
